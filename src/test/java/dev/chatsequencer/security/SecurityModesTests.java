package dev.chatsequencer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.chatsequencer.security.ChatSecurityProperties.Mode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** How the mode is chosen when {@code chat.security.mode} is not set: never open by accident. */
class SecurityModesTests {

    @Test
    void anExplicitModeAlwaysWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://issuer.example");

        assertThat(SecurityModes.resolve(Mode.GATEWAY, environment, null)).isEqualTo(Mode.GATEWAY);
    }

    @Test
    void anyJwtLocationMeansJwt() {
        for (String property : SecurityModes.JWT_PROPERTIES) {
            MockEnvironment environment = new MockEnvironment().withProperty(property, "x");

            assertThat(SecurityModes.resolve(null, environment, "the development Redis")).as(property)
                    .isEqualTo(Mode.JWT);
        }
    }

    @Test
    void theDevelopmentRedisAloneMeansNone() {
        assertThat(SecurityModes.resolve(null, new MockEnvironment(), "the development Redis")).isEqualTo(Mode.NONE);
    }

    @Test
    void anywhereElseStartUpFailsNamingBothWaysOut() {
        assertThatIllegalStateException().isThrownBy(() -> SecurityModes.resolve(null, new MockEnvironment(), null))
                .withMessageContaining("chat.security.mode=none")
                .withMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }
}
