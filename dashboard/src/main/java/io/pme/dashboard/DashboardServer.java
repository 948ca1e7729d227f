package io.pme.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The page, its scripts, uPlot from its webjar (all read from the classpath once, at start), the latest snapshot as
 * {@code /snapshot.json} and the snapshots as they come as server-sent events on {@code /events}. Each page
 * following the events holds one thread of a fixed pool; one more than the limit is answered 503.
 */
final class DashboardServer implements AutoCloseable
{
    private static final String WEB = "io/pme/dashboard/web/";
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final long KEEPALIVE_MS = 15_000;
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Snapshots snapshots;
    private final Semaphore eventClients;
    private final Map<String, Resource> resources = new HashMap<>();
    private final ExecutorService executor;
    private final HttpServer server;

    private record Resource(String contentType, byte[] bytes)
    {
    }

    DashboardServer(final String bindAddress, final int port, final Snapshots snapshots, final int maxClients)
        throws IOException
    {
        this.snapshots = snapshots;
        this.eventClients = new Semaphore(maxClients);
        final String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        add("/", WEB + "index.html", "text/html; charset=utf-8");
        add("/index.html", WEB + "index.html", "text/html; charset=utf-8");
        add("/dashboard.js", WEB + "dashboard.js", "text/javascript; charset=utf-8");
        add("/dashboard.css", WEB + "dashboard.css", "text/css; charset=utf-8");
        add("/vendor/uPlot.iife.min.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("/vendor/uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");

        executor = Executors.newFixedThreadPool(maxClients + 2, runnable ->
        {
            final Thread thread = new Thread(runnable, "pme-dashboard-http");
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @return the port the server listens on: the one asked for, or the one taken for 0.
     */
    int port()
    {
        return server.getAddress().getPort();
    }

    public void close()
    {
        snapshots.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            final String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method))
            {
                send(exchange, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            final String path = exchange.getRequestURI().getPath();
            if ("/events".equals(path))
            {
                events(exchange);
                return;
            }
            if ("/snapshot.json".equals(path))
            {
                final byte[] latest = snapshots.latest();
                send(exchange, null == latest ? 503 : 200, "application/json",
                    null == latest ? "{}".getBytes(StandardCharsets.US_ASCII) : latest);
                return;
            }
            final Resource resource = resources.get(path);
            if (null == resource)
            {
                send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            send(exchange, 200, resource.contentType(), resource.bytes());
        }
    }

    private void events(final HttpExchange exchange) throws IOException
    {
        if (!eventClients.tryAcquire())
        {
            send(exchange, 503, "text/plain", "too many pages follow the events\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        try
        {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            final OutputStream body = exchange.getResponseBody();
            body.write("retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII));
            body.flush();
            long seen = 0;
            while (!snapshots.isClosed())
            {
                final long now = snapshots.awaitAfter(seen, KEEPALIVE_MS);
                if (now == seen)
                {
                    body.write(KEEPALIVE);
                }
                else
                {
                    seen = now;
                    final byte[] latest = snapshots.latest();
                    if (null != latest)
                    {
                        body.write("data: ".getBytes(StandardCharsets.US_ASCII));
                        body.write(latest);
                        body.write("\n\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                body.flush();
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            // the page went away, or the server is closing: either ends this stream only
        }
        finally
        {
            eventClients.release();
        }
    }

    private static void send(final HttpExchange exchange, final int status, final String contentType,
        final byte[] bytes) throws IOException
    {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head)
        {
            exchange.getResponseBody().write(bytes);
        }
    }

    private void add(final String path, final String resource, final String contentType)
    {
        resources.put(path, new Resource(contentType, read(resource)));
    }

    private static byte[] read(final String resource)
    {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(resource))
        {
            if (null == in)
            {
                throw new IllegalStateException("the dashboard's resource " + resource + " is not on the classpath");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    // the webjar names its version in its path: read it from the webjar's own pom.properties, not from the build
    private static String uplotVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(UPLOT_POM))
        {
            if (null == in)
            {
                throw new IllegalStateException("uPlot's webjar is not on the classpath (" + UPLOT_POM + ")");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties.getProperty("version");
    }
}
