package dev.chatsequencer.web.input;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers in paths, query values and headers are plain ASCII decimal. Spring's own conversion would accept
 * {@code 0x10}, {@code +5}, {@code 05} and full-width digits; a proxy or a log reader would see other numbers than
 * the service. Editors, not converters: a failed converter falls back to Spring's lenient default editor.
 */
@ControllerAdvice
class StrictNumberBinding {

    private static final Pattern DECIMAL = Pattern.compile("0|-?[1-9][0-9]{0,17}");

    @InitBinder
    void plainDecimalNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new DecimalEditor(Long::valueOf));
        binder.registerCustomEditor(Long.class, new DecimalEditor(Long::valueOf));
        binder.registerCustomEditor(int.class, new DecimalEditor(Integer::valueOf));
        binder.registerCustomEditor(Integer.class, new DecimalEditor(Integer::valueOf));
    }

    private static final class DecimalEditor extends PropertyEditorSupport {

        private final Function<String, Number> parse;

        DecimalEditor(Function<String, Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || !DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a plain decimal number");
            }
            setValue(parse.apply(text));
        }
    }
}
