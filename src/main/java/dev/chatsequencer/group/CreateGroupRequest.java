package dev.chatsequencer.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.chatsequencer.access.Identifier;
import dev.chatsequencer.web.input.DisplayText;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a client sends to create a group. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A group to create")
record CreateGroupRequest(
        @ArraySchema(arraySchema = @Schema(description = "Distinct user ids besides or including the creator, who "
                + "is always a participant; at most chat.groups.max-participants in all (1,000 by default)",
                example = "[\"bob\", \"carol\"]", requiredMode = Schema.RequiredMode.REQUIRED),
                minItems = 1, maxItems = 1000, uniqueItems = true)
        @NotEmpty @Size(max = 10_000) List<@NotNull @Identifier String> participants,
        @Schema(description = "A title, 1-200 characters, one line with at least one visible character; no control "
                + "characters, no bidi overrides", example = "Climbing", minLength = 1, maxLength = 200)
        @Size(min = 1, max = 200) @Pattern(regexp = "^[\\s\\S]*\\S[\\s\\S]*$", message = "must not be blank")
        @DisplayText String title,
        @Schema(description = "Who reads what came before they joined: shared (default: every participant reads the "
                + "whole timeline) or joined (a participant reads from the entry that added them)",
                allowableValues = {"shared", "joined"}, defaultValue = "shared")
        @Pattern(regexp = "^(shared|joined)$", message = "must be shared or joined") String historyVisibility,
        @Schema(description = "The client's own id for this creation; a retry with it returns the same group",
                example = "c7d1-create-1")
        @Identifier String clientRequestId,
        @Schema(description = "The creator. With an authenticated caller it may be left out (the caller creates) "
                + "and must otherwise be the caller; without authentication (mode none) it is required",
                example = "alice")
        @Identifier String senderId) {
}
