package dev.chatsequencer.web.body;

import dev.chatsequencer.web.problem.RequestBodyException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A request body read in full before any handler runs, or the reason it was refused. */
record ReadBody(byte[] bytes, RequestBodyException refusal) {

    /** A body read in full: taken when it is strict UTF-8 (no overlong forms, no encoded surrogates), else refused. */
    static ReadBody of(byte[] bytes) {
        return isUtf8(bytes) ? new ReadBody(bytes, null) : refused(RequestBodyException.notUtf8());
    }

    static ReadBody refused(RequestBodyException refusal) {
        return new ReadBody(null, refusal);
    }

    /** The request as the handler sees it: this body, or a stream that fails with the refusal at the first read. */
    HttpServletRequest in(HttpServletRequest request) {
        return new ReadRequest(request, this);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException ex) {
            return false;
        }
    }

    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final ReadBody body;
        private final BodyStream stream;

        ReadRequest(HttpServletRequest request, ReadBody body) {
            super(request);
            this.body = body;
            this.stream = new BodyStream(new ByteArrayInputStream(body.bytes() == null ? new byte[0] : body.bytes()),
                    body.refusal());
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public int getContentLength() {
            return body.bytes() == null ? super.getContentLength() : body.bytes().length;
        }

        @Override
        public long getContentLengthLong() {
            return body.bytes() == null ? super.getContentLengthLong() : body.bytes().length;
        }
    }

    private static final class BodyStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;
        private final RequestBodyException refusal;

        BodyStream(ByteArrayInputStream bytes, RequestBodyException refusal) {
            this.bytes = bytes;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            failIfRefused();
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            failIfRefused();
            return bytes.read(buffer, offset, length);
        }

        private void failIfRefused() throws RequestBodyException {
            if (refusal != null) {
                throw refusal;
            }
        }

        @Override
        public boolean isFinished() {
            return refusal == null && bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("The body was read already");
        }
    }
}
