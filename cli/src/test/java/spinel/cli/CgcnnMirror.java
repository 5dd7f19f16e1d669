package spinel.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A loopback HTTP mirror of the published CGCNN files (checkpoints and atom_init.json), served from
 * the anchors folder, and set as the zoo's mirror ({@code spinel.model.mirror}) while open.
 */
final class CgcnnMirror implements AutoCloseable {

    private final HttpServer server;

    CgcnnMirror(Path cgcnnAnchors) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String p = ex.getRequestURI().getPath();
            Path f = p.endsWith("atom_init.json")
                    ? cgcnnAnchors.resolve("sample/atom_init.json")
                    : cgcnnAnchors
                            .resolve("pre-trained")
                            .resolve(Path.of(p).getFileName().toString());
            byte[] b = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        System.setProperty(
                "spinel.model.mirror", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        System.clearProperty("spinel.model.mirror");
        server.stop(0);
    }
}
