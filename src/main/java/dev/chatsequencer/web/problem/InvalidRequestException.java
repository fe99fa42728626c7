package dev.chatsequencer.web.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A field is invalid in a way a constraint annotation cannot say (it depends on settings or on other fields). */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, problem(List.of(error(field, reason))), null);
    }

    /** A 400 problem listing each invalid field: the shape every validation failure answers with. */
    static ProblemDetail problem(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request is invalid: " + String.join("; ",
                        errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList()) + ".");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Field first, then message, in every response: Map.of would order them differently from run to run. */
    static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message == null ? "is invalid" : message);
        return error;
    }
}
