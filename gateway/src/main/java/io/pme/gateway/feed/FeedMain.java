package io.pme.gateway.feed;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.codecs.LogonStatus;
import io.pme.gateway.PmeClient;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The feed adapter and the replayer as processes:
 * <pre>
 * java -cp pme-gateway-all.jar io.pme.gateway.feed.FeedMain adapter --mapping FILE --client-id N --secret-file FILE
 *      [--aeron-dir DIR] [--input-channel C] [--output-channel C] [--venue-channel C] [--venue-stream N]
 *      [--seconds N]
 * java -cp pme-gateway-all.jar io.pme.gateway.feed.FeedMain replay --file FILE.csv|FILE.jsonl
 *      [--aeron-dir DIR] [--venue-channel C] [--venue-stream N] [--speed X]
 * </pre>
 * The secret is read from a file (hex), never from the command line, where other users could see it.
 */
public final class FeedMain
{
    private FeedMain()
    {
    }

    /**
     * Runs {@link #run} and exits with its code.
     *
     * @param args {@code adapter} or {@code replay}, then options.
     * @throws Exception when the mapping, the secret file or a venue file cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        System.exit(run(args, System.out));
    }

    /**
     * @return the process exit code.
     */
    public static int run(final String[] args, final PrintStream out) throws Exception
    {
        if (args.length < 1)
        {
            out.println("usage: FeedMain adapter|replay [options]");
            return 2;
        }
        final String aeronDir = option(args, "--aeron-dir", CommonContext.getAeronDirectoryName() + "-pme");
        final String venueChannel = option(args, "--venue-channel", "aeron:ipc");
        final int venueStream = Integer.parseInt(option(args, "--venue-stream", "2001"));
        if ("replay".equals(args[0]))
        {
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
                ExclusivePublication venue = aeron.addExclusivePublication(venueChannel, venueStream))
            {
                final long sent = new FeedReplayer(venue, new BackoffIdleStrategy(),
                    Double.parseDouble(option(args, "--speed", "0"))).replay(Path.of(option(args, "--file", null)));
                out.println("replayed " + sent + " records");
                return 0;
            }
        }
        if (!"adapter".equals(args[0]))
        {
            out.println("unknown command: " + args[0]);
            return 2;
        }
        final FeedAdapter.Mapping mapping = FeedAdapter.Mapping.load(Path.of(option(args, "--mapping", null)));
        final String secretHex = Files.readString(Path.of(option(args, "--secret-file", null)),
            StandardCharsets.US_ASCII).trim();
        final long seconds = Long.parseLong(option(args, "--seconds", "0"));
        try (PmeClient client = PmeClient.connect(new PmeClient.Context()
            .aeronDirectoryName(aeronDir)
            .inputChannel(option(args, "--input-channel", "aeron:ipc"))
            .outputChannel(option(args, "--output-channel", "aeron:ipc"))
            .clientId(Integer.parseInt(option(args, "--client-id", null)))
            .secretHex(secretHex));
            Subscription venue = client.aeron().addSubscription(venueChannel, venueStream))
        {
            final LogonStatus logon = client.logon();
            out.println("feed adapter: logon " + logon + ", source " + mapping.sourceId());
            if (LogonStatus.ACCEPTED != logon)
            {
                return 1;
            }
            final FeedAdapter adapter = new FeedAdapter(client, venue, mapping);
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            final long startNs = System.nanoTime();
            long nextStatusNs = startNs + TimeUnit.SECONDS.toNanos(1);
            while (0 == seconds || System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(seconds))
            {
                idle.idle(adapter.doWork());
                if (System.nanoTime() - nextStatusNs >= 0)
                {
                    nextStatusNs += TimeUnit.SECONDS.toNanos(1);
                    status(adapter, out);
                }
            }
            status(adapter, out);
            return 0;
        }
    }

    private static void status(final FeedAdapter adapter, final PrintStream out)
    {
        out.printf("forwarded %,d acked %,d refused %,d (%s) unknown symbols %,d held back %,d%n",
            adapter.forwarded(), adapter.acked(), adapter.refused(), adapter.lastRefusal(), adapter.unknownSymbols(),
            adapter.heldBack());
    }

    private static String option(final String[] args, final String name, final String defaultValue)
    {
        for (int i = 1; i < args.length - 1; i++)
        {
            if (name.equals(args[i]))
            {
                return args[i + 1];
            }
        }
        if (null == defaultValue)
        {
            throw new IllegalArgumentException("missing option " + name);
        }
        return defaultValue;
    }
}
