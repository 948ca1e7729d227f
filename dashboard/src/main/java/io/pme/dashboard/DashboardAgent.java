package io.pme.dashboard;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one thread that touches the {@link RiskAggregate}: polls the engine's output stream into it and, every
 * publish interval, writes its snapshot for the pages. It keeps up with the engine because a frame costs a few array
 * writes; a subscriber that fell behind would hold the engine's publication back, as any subscriber of it does.
 */
final class DashboardAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 256;

    private final Subscription subscription;
    private final RiskAggregate aggregate;
    private final Snapshots snapshots;
    private final NanoClock clock;
    private final long intervalNs;
    private final FragmentAssembler assembler;
    private final JsonFactory json = new JsonFactory();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    private long nextPublishNs;

    DashboardAgent(
        final Subscription subscription,
        final RiskAggregate aggregate,
        final Snapshots snapshots,
        final NanoClock clock,
        final long intervalNs)
    {
        this.subscription = subscription;
        this.aggregate = aggregate;
        this.snapshots = snapshots;
        this.clock = clock;
        this.intervalNs = intervalNs;
        this.assembler = new FragmentAssembler((buffer, offset, length, header) ->
            aggregate.onFrame(buffer, offset, length));
    }

    public void onStart()
    {
        publish();
        nextPublishNs = clock.nanoTime() + intervalNs;
    }

    public int doWork()
    {
        int work = subscription.isClosed() ? 0 : subscription.poll(assembler, FRAGMENT_LIMIT);
        final long now = clock.nanoTime();
        if (now - nextPublishNs >= 0)
        {
            publish();
            nextPublishNs = now + intervalNs;
            work++;
        }
        return work;
    }

    public String roleName()
    {
        return "pme-dashboard";
    }

    private void publish()
    {
        bytes.reset();
        try (JsonGenerator generator = json.createGenerator(bytes, JsonEncoding.UTF8))
        {
            aggregate.write(generator, !subscription.isClosed() && subscription.isConnected());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        snapshots.publish(bytes.toByteArray());
    }
}
