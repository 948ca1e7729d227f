package io.pme.bench;

import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateEncoder;
import io.pme.engine.market.OracleParameters;
import io.pme.engine.state.OracleBook;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One source's price through the guarded oracle when the index does not move (goal: under 200 ns, 0 B/op). One op
 * = {@code InputProcessor.process} of one frame, 100 ns of message time after the previous (so no source goes
 * stale within a run: a billion ops are 100 s), into an engine of {@code accounts} accounts whose BTC index is
 * made of three listed sources (maximum age 180 s, quorum 2, jump threshold 25%):
 * <ul>
 *     <li>{@code requote}: sources 1, 2, 3 in turn quote again the price each quoted: the index is recomputed
 *     (gather, sort, drop, clamp, average), the guards pass, the index stays, nothing else moves;</li>
 *     <li>{@code outlier}: source 3 glitches between two prices 40% and 45% off: dropped, the index stays, and an
 *     {@code OracleStatus} OUTLIER_IGNORED is encoded and sent;</li>
 *     <li>{@code heartbeat}: the baseline in the same run, a {@code Heartbeat}: what any input costs the business
 *     logic (sequence checks, time passing, the end-of-input liquidation pass, the Ack) without the oracle.</li>
 * </ul>
 * The op includes the answer's encoding, so the oracle's own share is the difference from {@code heartbeat}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dagrona.disable.bounds.checks=true",
    "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class OracleSourceBenchmark
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final double BTC = BenchMarket.SPOTS[BenchMarket.BTC];
    private static final double[] QUOTES = { BTC, BTC * 1.0002, BTC * 0.9999 };

    @Param({ "requote", "outlier", "heartbeat" })
    public String input;

    @Param({ "10000" })
    public int accounts;

    private BenchState bench;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
    private int length;
    private long timestampNs;
    private long correlationId;
    private long adminCorrelationId;
    private long ops;
    private boolean outlier;
    private boolean requote;
    private double index;

    @Setup(Level.Trial)
    public void setup()
    {
        bench = new BenchState(accounts);
        outlier = "outlier".equals(input);
        requote = "requote".equals(input);
        adminCorrelationId = bench.state.clients().lastCorrelationId(BenchMarket.ADMIN_CLIENT);
        timestampNs = BenchMarket.NOW;
        for (int source = 1; source <= 3; source++)
        {
            admin(ParameterId.ORACLE_SOURCE, source, 1);
        }
        admin(ParameterId.ORACLE, OracleParameters.MAX_AGE_NS, 180.0e9);
        admin(ParameterId.ORACLE, OracleParameters.MIN_SOURCES, 2);
        admin(ParameterId.ORACLE, OracleParameters.JUMP_THRESHOLD, 0.25);
        // the three venues a few basis points apart: the clamp band is exercised, the index sits between them
        for (int source = 1; source <= 3; source++)
        {
            price(source, QUOTES[source - 1]);
        }
        if (0 != bench.counters.rejects().get())
        {
            throw new IllegalStateException("oracle setup refused");
        }
        if ("heartbeat".equals(input))
        {
            length = HEADER + new HeartbeatEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
                .timestampNs(timestampNs).correlationId(0).clientId(BenchMarket.FEED_CLIENT).encodedLength();
        }
        else
        {
            length = HEADER + new OraclePriceEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
                .timestampNs(timestampNs).correlationId(0).clientId(BenchMarket.FEED_CLIENT).sourceId(3)
                .assetId(BenchMarket.BTC).price(BTC * 0.9999).sourceTimestampNs(0).encodedLength();
        }
        correlationId = bench.state.clients().lastCorrelationId(BenchMarket.FEED_CLIENT);
        // the first glitch moves the index once (source 3's earlier quote no longer counts); every later one does not
        source();
        index = bench.state.oracleBook().index(BenchMarket.BTC);
        bench.outbox.reset();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        // what was measured is the path named: the index never moved and the asset stayed NORMAL
        if (index != bench.state.oracleBook().index(BenchMarket.BTC) ||
            OracleBook.NORMAL != bench.state.oracleBook().status(BenchMarket.BTC))
        {
            throw new IllegalStateException("the index moved or the asset left NORMAL");
        }
        System.out.printf("%nops %,d, frames out per op %.2f, outliers rejected %,d%n", ops,
            (double)bench.outbox.frames / Math.max(1, ops), bench.counters.oracleOutliersRejected().get());
    }

    @Benchmark
    public long source()
    {
        timestampNs += 100L;
        frame.putLong(HEADER + OraclePriceEncoder.timestampNsEncodingOffset(), timestampNs, LITTLE_ENDIAN);
        frame.putLong(HEADER + OraclePriceEncoder.correlationIdEncodingOffset(), ++correlationId, LITTLE_ENDIAN);
        final long op = ++ops;
        if (outlier)
        {
            frame.putDouble(HEADER + OraclePriceEncoder.priceEncodingOffset(),
                BTC * (0 == (op & 1) ? 0.60 : 0.55), LITTLE_ENDIAN);
        }
        else if (requote)
        {
            final int source = (int)(op % 3);
            frame.putInt(HEADER + OraclePriceEncoder.sourceIdEncodingOffset(), source + 1, LITTLE_ENDIAN);
            frame.putDouble(HEADER + OraclePriceEncoder.priceEncodingOffset(), QUOTES[source], LITTLE_ENDIAN);
        }
        bench.processor.process(frame, 0, length, -1);
        return bench.outbox.frames;
    }

    private void admin(final ParameterId parameterId, final int index, final double value)
    {
        final int n = HEADER + new ParameterUpdateEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .timestampNs(timestampNs).correlationId(++adminCorrelationId).clientId(BenchMarket.ADMIN_CLIENT)
            .parameterId(parameterId).assetId(BenchMarket.BTC).index(index).value(value).value2(0.0).encodedLength();
        bench.processor.process(frame, 0, n, -1);
    }

    private void price(final int sourceId, final double price)
    {
        final int n = HEADER + new OraclePriceEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .timestampNs(timestampNs).correlationId(++correlationId).clientId(BenchMarket.FEED_CLIENT)
            .sourceId(sourceId).assetId(BenchMarket.BTC).price(price).sourceTimestampNs(0).encodedLength();
        bench.processor.process(frame, 0, n, -1);
    }
}
