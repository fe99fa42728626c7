package dev.chatsequencer.web.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link DisplayText}, one code point at a time. */
final class DisplayTextValidator implements ConstraintValidator<DisplayText, String> {

    private boolean multiline;

    @Override
    public void initialize(DisplayText annotation) {
        this.multiline = annotation.multiline();
    }

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
        if (text == null || text.isBlank()) {
            // blank text is refused by @NotBlank, with its own message
            return true;
        }
        boolean visible = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.CONTROL && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return false;
            }
            if (isBidiControl(c)) {
                return false;
            }
            visible |= isVisible(c);
        }
        return visible;
    }

    /** Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): the "Trojan Source" characters. */
    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * Whether the code point shows something: not white space, not a control or format character (zero-width space,
     * joiners, marks), not a variation selector, and not one of the blank fillers that render as nothing.
     */
    static boolean isVisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return false;
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE) {
            return false;
        }
        boolean variationSelector = (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
        boolean filler = c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x180E
                || c == 0x034F;
        return !variationSelector && !filler;
    }
}
