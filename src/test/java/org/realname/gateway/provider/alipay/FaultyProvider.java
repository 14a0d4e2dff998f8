package org.realname.gateway.provider.alipay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A provider endpoint that misbehaves on request: a raw HTTP/1.1 server (a plain socket, so it
 * can stall, reset, cut or flood) in front of the gateway's own sandbox. Each protocol method
 * gets an {@link Answer}; the default forwards to the sandbox unchanged. Counts the calls that
 * reached it, per method.
 */
final class FaultyProvider {

    /** What the server does with one call. */
    @FunctionalInterface
    interface Answer {
        void write(Call call) throws IOException, InterruptedException;
    }

    /** One received call. */
    record Call(String rawQuery, String contentType, byte[] body, Socket socket, FaultyProvider server) {
    }

    private static final String PORT = "providerfaults.port";
    private static FaultyProvider running;

    private final ServerSocket socket;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-provider");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile URI sandbox;

    private FaultyProvider(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "faulty-provider-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * The port the test profile configures. Only reserved here: the profile and the test may run
     * in different class loaders, so the server starts from the test ({@link #on}).
     */
    static synchronized int reservedPort() {
        String port = System.getProperty(PORT);
        if (port == null) {
            port = String.valueOf(freePortBelowTheEphemeralRange());
            System.setProperty(PORT, port);
        }
        return Integer.parseInt(port);
    }

    /**
     * A port free now, taken below Linux's ephemeral range (32768-60999). The server binds it only
     * later, when the test starts; an ephemeral port ({@code new ServerSocket(0)}) could meanwhile be
     * handed to any outgoing connection of the suite, and once was (BindException in a CI run).
     */
    private static int freePortBelowTheEphemeralRange() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20_000 + random.nextInt(12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    /** The server on the reserved port, started once; every method forwards to {@code sandbox} again. */
    static synchronized FaultyProvider on(URI sandbox) throws IOException {
        if (running == null) {
            running = new FaultyProvider(reservedPort());
        }
        running.sandbox = sandbox;
        running.answers.clear();
        running.calls.clear();
        return running;
    }

    void answer(String method, Answer answer) {
        answers.put(method, answer);
    }

    int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                workers.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String head = readHead(in);
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String rawQuery = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
            int length = header(head, "content-length").map(Integer::parseInt).orElse(0);
            byte[] body = in.readNBytes(length);
            String method = param(rawQuery, "method");
            calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            answers.getOrDefault(method, forward())
                    .write(new Call(rawQuery, header(head, "content-type").orElse(null), body, s, this));
        } catch (IOException | RuntimeException e) {
            // the client went away, or the fault was the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- answers ----

    /** The sandbox's answer, unchanged. */
    static Answer forward() {
        return call -> call.server().relay(call, UnaryOperator.identity());
    }

    /** The sandbox's answer with its body changed (tampered, cut, unsigned). */
    static Answer sandboxChanged(UnaryOperator<String> change) {
        return call -> call.server().relay(call, change);
    }

    /** A 200 with this exact body. */
    static Answer json(String body) {
        return call -> send(call.socket(), 200, "application/json;charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error page of a proxy, with the given status. */
    static Answer htmlPage(int status) {
        return call -> send(call.socket(), status, "text/html",
                ("<html><head><title>" + status + " Bad Gateway</title></head><body><h1>nginx</h1></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** Nothing for {@code millis}, then the connection closes. */
    static Answer silentFor(long millis) {
        return call -> Thread.sleep(millis);
    }

    /** Headers at once, then one byte of body every {@code millis}. */
    static Answer trickle(long millis) {
        return call -> {
            OutputStream out = call.socket().getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(millis);
            }
        };
    }

    /** A body of {@code bytes}, its length announced or not (then it ends when the connection does). */
    static Answer huge(int bytes, boolean announced) {
        return call -> {
            OutputStream out = call.socket().getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + (announced ? "Content-Length: " + bytes + "\r\n" : "") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '{';
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                chunk[0] = ' ';
            }
            out.flush();
        };
    }

    /** Announces 1000 bytes, sends 10, closes: the transfer breaks. */
    static Answer cutTransfer() {
        return call -> {
            OutputStream out = call.socket().getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"alipay_u"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }

    /** A TCP reset instead of an answer. */
    static Answer reset() {
        return call -> call.socket().setSoLinger(true, 0);
    }

    /** The connection closes without a byte of answer. */
    static Answer closed() {
        return call -> call.socket().shutdownOutput();
    }

    // ---- wire ----

    private void relay(Call call, UnaryOperator<String> change) throws IOException, InterruptedException {
        HttpRequest.Builder forward = HttpRequest.newBuilder(sandbox.resolve("/sandbox/gateway.do?" + call.rawQuery()));
        if (call.body().length > 0) {
            forward.POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
            if (call.contentType() != null) {
                forward.header("Content-Type", call.contentType());
            }
        }
        HttpResponse<String> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String extra = answer.headers().firstValue("Location").map(l -> "Location: " + l + "\r\n").orElse("");
        byte[] body = change.apply(answer.body()).getBytes(StandardCharsets.UTF_8);
        write(call.socket(), answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/json"),
                body, extra);
    }

    private static void send(Socket s, int status, String type, byte[] body) throws IOException {
        write(s, status, type, body, "");
    }

    private static void write(Socket s, int status, String type, byte[] body, String extraHeaders) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed in the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static java.util.Optional<String> header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return java.util.Optional.of(line.substring(colon + 1).trim());
            }
        }
        return java.util.Optional.empty();
    }

    private static String param(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
