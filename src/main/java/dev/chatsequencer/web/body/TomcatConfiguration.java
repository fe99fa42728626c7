package dev.chatsequencer.web.body;

import dev.chatsequencer.web.WebProperties;
import dev.chatsequencer.web.problem.ProblemTypes;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What the servlet API cannot say to Tomcat: cap the connections of one client, whether a request body has arrived,
 * stop reading a refused one, and answer the errors Tomcat raises itself (a malformed request line, an oversized
 * header, too many parameters, an error no handler caught) with an RFC 9457 problem instead of its HTML page.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatLimitsAndProblems(WebProperties webProperties) {
        int maxConnectionsPerClient = webProperties.maxConnectionsPerClient();
        return factory -> {
            factory.setProtocol(ClientLimitedNioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> ((ClientLimitedNioProtocol) connector.getProtocolHandler())
                    .setMaxConnectionsPerClient(maxConnectionsPerClient));
            factory.addContextValves(new RequestBodyValve());
            factory.addContextCustomizers(context ->
                    ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemReportValve.class.getName()));
        };
    }

    /**
     * Tells {@link RequestBodyFilter} what only Tomcat knows. Whether the whole body already arrived with the headers
     * (as a small JSON post almost always does): then reading it cannot block, and the filter skips the asynchronous
     * round trip. And a way to stop reading a refused body: without it Tomcat drains what is left after the response,
     * on a blocking thread, for as long as the client trickles it.
     */
    static final class RequestBodyValve extends ValveBase {

        RequestBodyValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            org.apache.coyote.Request coyote = request.getCoyoteRequest();
            long declared = coyote.getContentLengthLong();
            if (declared > 0) {
                coyote.action(ActionCode.AVAILABLE, Boolean.FALSE);
                if (coyote.getAvailable() >= declared) {
                    request.setAttribute(RequestBodyFilter.BODY_ARRIVED, Boolean.TRUE);
                }
            }
            // Only a request that has a body (declared, or chunked: -1) can have one refused.
            if (declared != 0) {
                request.setAttribute(RequestBodyFilter.STOP_READING, (Runnable) () ->
                        coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null));
            }
            getNext().invoke(request, response);
        }
    }

    /** Tomcat's error report, as a problem: it never reveals a stack trace, a server version or the request. */
    public static final class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
            String detail = switch (status) {
                case 400 -> "The request line, a header or the parameters are malformed or over a limit.";
                case 500 -> "An unexpected error occurred.";
                default -> title + ".";
            };
            String problem = "{\"type\":\"" + ProblemTypes.of(ProblemTypes.slug(status)) + "\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(problem);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ex) {
                // the client is gone or the response was taken over: nothing more to say
            }
        }
    }
}
