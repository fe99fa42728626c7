package dev.chatsequencer.web.problem;

import dev.chatsequencer.web.WebProperties;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code type} per kind of failure, so clients can branch
 * on it; framework errors (bad JSON, wrong media type, unknown route) included.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final String retryAfterSeconds;
    private final ApplicationEventPublisher events;
    private final OutageLog outages = new OutageLog();

    ProblemHandler(WebProperties webProperties, ApplicationEventPublisher events) {
        this.retryAfterSeconds = Integer.toString(webProperties.retryAfterSeconds());
        this.events = events;
    }

    /**
     * Redis unreachable, timing out or refusing writes. This is answered 503 and never by guessing: a seq that was
     * not confirmed by Redis must not be reported, and the client's retry with the same clientMessageId is safe.
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> storageUnavailable(DataAccessException ex, WebRequest request) {
        outages.refused(ex);
        ProblemDetail problem = storageUnavailable(retryAfterSeconds);
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    public static ProblemDetail storageUnavailable(String retryAfterSeconds) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The message store is unavailable "
                + "or did not confirm in time; retry after " + retryAfterSeconds + " s. The outcome of a write is "
                + "unknown: retrying a post with the same clientMessageId is always safe.");
    }

    /** Tomcat refuses to parse more query parameters than its limit (1,000) when they are first asked for. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> tooManyParameters(InvalidParameterException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query has too many or malformed parameters.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected failure", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(fieldError(error)));
        return handleExceptionInternal(ex, InvalidRequestException.problem(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors parameterErrors) {
                parameterErrors.getFieldErrors().forEach(error -> errors.add(fieldError(error)));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.add(
                        InvalidRequestException.error(name, error.getDefaultMessage())));
            }
        }
        return handleExceptionInternal(ex, InvalidRequestException.problem(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        Class<?> type = ex.getRequiredType() == null ? Object.class
                : ClassUtils.resolvePrimitiveIfNecessary(ex.getRequiredType());
        String name = ex.getPropertyName() == null ? "value" : ex.getPropertyName();
        String detail = Number.class.isAssignableFrom(type) ? "must be a plain decimal number" : "has the wrong type";
        return handleExceptionInternal(ex, InvalidRequestException.problem(List.of(
                InvalidRequestException.error(name, detail))), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestBodyException.class) instanceof RequestBodyException refused) {
            return handleExceptionInternal(ex, refused.problem(), headers, refused.status(), request);
        }
        return handleExceptionInternal(ex, unreadable(ex), headers, status, request);
    }

    /** Spring lists only the mapped methods; HEAD (with GET) and OPTIONS are answered too, so Allow names them. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        if (ex.getSupportedHttpMethods() != null) {
            allowed.addAll(ex.getSupportedHttpMethods());
        }
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        HttpHeaders withAllow = new HttpHeaders();
        withAllow.putAll(headers);
        withAllow.setAllow(allowed);
        return handleExceptionInternal(ex, null, withAllow, status, request);
    }

    /** Spring's own detail names a "static resource", which this service has none of. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "There is nothing at this path; the API is described at /v3/api-docs.");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Gives every problem its stable type and a title, whichever handler built it. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem;
        if (body instanceof ProblemDetail detail) {
            problem = detail;
        } else if (body == null && ex instanceof ErrorResponse errorResponse) {
            problem = errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale());
        } else {
            problem = ProblemDetail.forStatus(statusCode);
        }
        ProblemTypes.complete(problem, statusCode.value());
        if (request instanceof ServletWebRequest servlet) {
            String type = String.valueOf(problem.getType().getPath());
            events.publishEvent(new ProblemRaised(servlet.getRequest().getMethod(),
                    servlet.getRequest().getRequestURI(), type.substring(type.lastIndexOf('/') + 1)));
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static Map<String, String> fieldError(FieldError error) {
        return InvalidRequestException.error(error.getField(), error.getDefaultMessage());
    }

    /** A body that is not JSON says so; a field of the wrong type or with broken text is listed like a field error. */
    private static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = causedBy(ex, JacksonException.class);
        if (cause instanceof StreamReadException read) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    read.getOriginalMessage().startsWith("Duplicate ")
                            ? "The request body names a field twice: " + read.getOriginalMessage() + "."
                            : "The request body is not valid JSON.");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName();
            if (field != null) {
                return InvalidRequestException.problem(List.of(InvalidRequestException.error(field,
                        cause instanceof InvalidTextException
                                ? "is not valid Unicode text (it has an unpaired surrogate)" : "has the wrong type")));
            }
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not a JSON object of the expected shape.");
    }

    private static Throwable causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
