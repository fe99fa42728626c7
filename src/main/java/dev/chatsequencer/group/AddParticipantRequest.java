package dev.chatsequencer.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.chatsequencer.access.Identifier;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Who to add to a group, and (without authentication) who adds them. */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = "A user to add to a group")
record AddParticipantRequest(
        @Schema(description = "The user to add", example = "dave", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull @Identifier String userId,
        @Schema(description = "Who adds them, a participant. With an authenticated caller it may be left out and "
                + "must otherwise be the caller; without authentication (mode none) it is required",
                example = "alice")
        @Identifier String senderId) {
}
