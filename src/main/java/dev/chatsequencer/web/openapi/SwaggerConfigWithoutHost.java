package dev.chatsequencer.web.openapi;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Keeps Swagger UI's configuration free of the request's host: springdoc builds its OAuth redirect URL from the Host
 * and X-Forwarded-Host headers, which any client sets, so an answer could name a host of the client's choosing. The
 * URL becomes the path alone, which the browser resolves against the page it is on.
 */
@ControllerAdvice
class SwaggerConfigWithoutHost implements ResponseBodyAdvice<Object> {

    private static final String REDIRECT = "oauth2RedirectUrl";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.getContainingClass().getPackageName().startsWith("org.springdoc");
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof Map<?, ?> config && config.get(REDIRECT) instanceof String url) {
            Map<Object, Object> pathOnly = new LinkedHashMap<>(config);
            pathOnly.put(REDIRECT, URI.create(url).getRawPath());
            return pathOnly;
        }
        return body;
    }
}
