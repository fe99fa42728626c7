package dev.chatsequencer.conversation;

import dev.chatsequencer.access.Identifier;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The two users of a direct conversation, in any order. */
record DirectConversationRequest(
        @ArraySchema(schema = @Schema(example = "alice"), arraySchema = @Schema(example = "[\"bob\", \"alice\"]",
                description = "Exactly two distinct user ids"))
        @NotNull @Size(min = 2, max = 2) List<@NotNull @Identifier String> participants) {
}
