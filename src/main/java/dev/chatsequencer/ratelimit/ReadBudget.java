package dev.chatsequencer.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges every read of the API to its caller's read bucket before the handler runs: pages, single entries,
 * conversation state, read markers (read and moved), inboxes and stream opens. Writes have buckets of their own,
 * taken by their controllers. The caller is the signed-in user, or without identification (mode none) the client
 * address, as the connection limits see it.
 */
@Component
class ReadBudget implements HandlerInterceptor {

    /** The methods of reads; a PUT moves a read marker, a read's companion, and costs as much. */
    private static final Set<String> READS = Set.of("GET", "HEAD", "PUT");

    /** Set once charged: a stream's or a late body's later dispatch runs the handler chain again, for free. */
    private static final String CHARGED = ReadBudget.class.getName() + ".charged";

    private final RateLimiter rateLimiter;

    ReadBudget(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!READS.contains(request.getMethod()) || request.getAttribute(CHARGED) != null) {
            return true;
        }
        request.setAttribute(CHARGED, Boolean.TRUE);
        HttpHeaders limits = rateLimiter.take(RateLimiter.Limit.READS,
                RateLimiter.subject(signedIn(), request.getRemoteAddr()));
        limits.forEach((name, values) -> response.setHeader(name, values.get(0)));
        return true;
    }

    /** The signed-in user's id, {@code null} when nobody is identified. */
    private static String signedIn() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return caller.getName();
    }
}
