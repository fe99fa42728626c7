package dev.chatsequencer.web.openapi;

import org.springframework.http.ProblemDetail;

/**
 * Makes the example of a {@link ProblemResponse} from the exception that raises the problem. Created once by the
 * application context, so an example may take settings (a limit, a Retry-After) through its constructor.
 */
public interface ProblemExample {

    ProblemDetail problem();
}
