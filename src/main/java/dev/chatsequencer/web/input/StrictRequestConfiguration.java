package dev.chatsequencer.web.input;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Reads URLs literally, so the service and any proxy in front of it understand a request the same way: a path with
 * {@code ;} parameters is refused rather than matched without them ({@code /v1/conversations/abc;x=1/messages}
 * would otherwise post to {@code abc}).
 */
@Configuration(proxyBeanMethods = false)
class StrictRequestConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getRequestURI().indexOf(';') >= 0) {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                            "Path parameters (';') are not accepted in this API's URLs.");
                    throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
                }
                return true;
            }
        });
    }
}
