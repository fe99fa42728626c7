package dev.chatsequencer.conversation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** How far a user has read. */
record ReadMarkerRequest(
        @Schema(description = "The last seq the user has seen; a marker only moves forward, up to lastSeq",
                example = "42")
        @NotNull @PositiveOrZero Long seq) {
}
