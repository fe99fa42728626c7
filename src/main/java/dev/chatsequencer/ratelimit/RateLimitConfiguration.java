package dev.chatsequencer.ratelimit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the read budget in front of every API handler. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final ReadBudget readBudget;

    RateLimitConfiguration(ReadBudget readBudget) {
        this.readBudget = readBudget;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(readBudget).addPathPatterns("/v1/**");
    }
}
