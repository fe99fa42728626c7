package dev.chatsequencer.security;

import dev.chatsequencer.access.Identifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gateway mode: the caller is whoever the trusted authenticating proxy names in its header. The proxy must remove
 * that header from every client request; the service cannot tell a forged one apart. A request without the header
 * stays anonymous (and is refused where identity is required); one with an invalid id is refused at once.
 */
final class GatewayIdentityFilter extends OncePerRequestFilter {

    private static final Pattern IDENTIFIER = Pattern.compile(Identifier.PATTERN);

    private final String header;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    GatewayIdentityFilter(String header, AuthenticationEntryPoint entryPoint) {
        this.header = header;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(header));
        if (values.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (values.size() > 1 || !IDENTIFIER.matcher(values.get(0)).matches()) {
            entryPoint.commence(request, response, new BadCredentialsException(header + " is not one valid user id"));
            return;
        }
        PreAuthenticatedAuthenticationToken caller = new PreAuthenticatedAuthenticationToken(values.get(0), "n/a",
                List.of());
        SecurityContextImpl context = new SecurityContextImpl(caller);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        // Kept on the request, so the asynchronous dispatch after a body is read knows the caller too.
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
