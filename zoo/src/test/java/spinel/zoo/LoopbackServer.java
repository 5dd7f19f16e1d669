package spinel.zoo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 serving byte arrays or files by path, with failure modes. */
final class LoopbackServer implements AutoCloseable {

    /** How to answer one path. */
    enum Mode {
        OK,
        ERROR_500,
        TRUNCATED_FIXED_LENGTH,
        TRUNCATED_CHUNKED,
        SLOW
    }

    private final HttpServer server;
    private final Map<String, byte[]> bytes = new ConcurrentHashMap<>();
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** How long a SLOW answer pauses in the middle, ms. */
    volatile long slowMillis = 300;

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String url(String path) {
        return base() + path;
    }

    void serve(String path, byte[] content, Mode mode) {
        bytes.put(path, content);
        modes.put(path, mode);
    }

    void serveFile(String path, Path file) {
        files.put(path, file);
        modes.put(path, Mode.OK);
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        try (ex) {
            byte[] body = bytes.get(path);
            if (body == null && files.containsKey(path)) body = Files.readAllBytes(files.get(path));
            Mode mode = modes.getOrDefault(path, Mode.OK);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            switch (mode) {
                case ERROR_500 -> ex.sendResponseHeaders(500, -1);
                case TRUNCATED_FIXED_LENGTH -> {
                    // promise the whole length, send half, then drop the connection
                    ex.sendResponseHeaders(200, body.length);
                    OutputStream out = ex.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new IOException("simulated connection drop");
                }
                case TRUNCATED_CHUNKED -> {
                    ex.sendResponseHeaders(200, 0);
                    ex.getResponseBody().write(body, 0, body.length / 2);
                }
                case SLOW -> {
                    ex.sendResponseHeaders(200, body.length);
                    OutputStream out = ex.getResponseBody();
                    int half = body.length / 2;
                    out.write(body, 0, half);
                    out.flush();
                    Thread.sleep(slowMillis);
                    out.write(body, half, body.length - half);
                }
                default -> {
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
