package dev.chatsequencer.timeline;

import io.swagger.v3.oas.annotations.media.Schema;

/** A range of seqs inside a page's span that this reader cannot see, and why: never a silent hole. */
@Schema(description = "Seqs fromSeq to toSeq (inclusive) that this reader cannot see, and why")
public record TimelineGap(
        @Schema(example = "1") long fromSeq,
        @Schema(example = "6") long toSeq,
        @Schema(type = "string", allowableValues = {"retention", "before-joined", "cleared"},
                example = "before-joined")
        GapReason reason) {
}
