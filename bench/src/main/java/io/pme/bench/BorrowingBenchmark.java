package io.pme.bench;

import io.pme.codecs.DepositEncoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.WithdrawalEncoder;
import io.pme.engine.EngineContext;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.SnapshotIntervals;
import io.pme.engine.state.Accounts;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Borrowing on the benchmarks' 100,000 accounts, {@code borrowers} of which owe USDC (each swapped its USDC for BTC and
 * withdrew 20,000 USDC more than it held): what an interest epoch costs and whether a debt makes a check dearer
 * (rulebook section 8). The engine's own scheduled snapshots are off: an input an hour after the last would settle
 * the whole book for one.
 * <ul>
 * <li>{@code heartbeat}: a Heartbeat input inside the hour, no epoch boundary: the floor of any input;</li>
 * <li>{@code epoch}: a Heartbeat an hour after the previous, so each op takes one boundary: the index of every
 * borrowable asset moves (O(assets)) and each USDC borrower is reviewed as a USDC tick would review it;</li>
 * <li>{@code checkBorrower} / {@code checkNonBorrower}: the risk model's decision (as PreTradeCheckBenchmark's
 * {@code decision}) on a borrower, or on the account next to one (as many, as spread, without debt).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
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
public class BorrowingBenchmark
{
    private static final long HOUR = 3_600_000_000_000L;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final double BORROWED = 20_000;
    private static final int SETUP_CLIENT = BenchMarket.ADMIN_CLIENT + 10;

    @Param({ "100000" })
    public int accounts;

    @Param({ "0", "20000" })
    public int borrowers;

    private BenchState bench;
    private CheckStream checks;
    private int[] borrowerSlots;
    private int[] otherSlots;
    private final UnsafeBuffer heartbeat = new UnsafeBuffer(new byte[64]);
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawalEncoder withdrawal = new WithdrawalEncoder();
    private int heartbeatLength;
    private final MarginFigures before = new MarginFigures();
    private final MarginFigures after = new MarginFigures();
    private long correlationId;
    private long epochNs;
    private long insideNs;
    private int next;

    @Setup(Level.Trial)
    public void setup()
    {
        bench = new BenchState(accounts, new EngineContext().maxAccounts(accounts), true, SnapshotIntervals.OFF);
        checks = new CheckStream(bench.market, accounts, 0, 7, BenchMarket.CHECK_CLIENT);
        final Accounts table = bench.state.accounts();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
        int borrowed = 0;
        // a borrower swaps its USDC for BTC worth a little more, then withdraws 20,000 USDC beyond what it held
        for (int slot = 0; slot < table.count() && borrowed < borrowers; slot += Math.max(2, accounts / borrowers))
        {
            final double held = table.balance(slot, BenchMarket.USDC);
            deposit.wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder()).timestampNs(BenchMarket.NOW)
                .correlationId(++correlationId).clientId(SETUP_CLIENT).accountId(table.accountId(slot))
                .assetId(BenchMarket.BTC).amount((held + 2 * BORROWED) / BenchMarket.SPOTS[BenchMarket.BTC]);
            bench.processor.process(frame, 0, HEADER + deposit.encodedLength(), -1);
            withdrawal.wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder()).timestampNs(BenchMarket.NOW)
                .correlationId(++correlationId).clientId(SETUP_CLIENT).accountId(table.accountId(slot))
                .assetId(BenchMarket.USDC).amount(held + BORROWED);
            bench.processor.process(frame, 0, HEADER + withdrawal.encodedLength(), -1);
            borrowed += table.balance(slot, BenchMarket.USDC) < 0.0 ? 1 : 0;
        }
        // the accounts next to the borrowers: as many, as spread over memory, without debt
        borrowerSlots = new int[Math.max(1, borrowed)];
        otherSlots = new int[Math.max(1, borrowed)];
        for (int slot = 0, b = 0; slot + 1 < table.count() && b < borrowed; slot++)
        {
            if (table.balance(slot, BenchMarket.USDC) < 0.0)
            {
                borrowerSlots[b] = slot;
                otherSlots[b++] = slot + 1;
            }
        }
        new HeartbeatEncoder().wrapAndApplyHeader(heartbeat, 0, new MessageHeaderEncoder())
            .timestampNs(BenchMarket.NOW).correlationId(0).clientId(BenchMarket.FEED_CLIENT + 10);
        heartbeatLength = HEADER + HeartbeatEncoder.BLOCK_LENGTH;
        epochNs = (BenchMarket.NOW / HOUR + 1) * HOUR;
        insideNs = epochNs;
        System.out.printf("%n%s%nborrowers %,d (USDC debt %,.0f, utilization %.4f), refused %s%n", bench.summary(),
            borrowed, bench.state.debtPools().totalDebt(BenchMarket.USDC),
            bench.state.debtPools().totalDebt(BenchMarket.USDC) / 500_000_000.0,
            bench.counters.rejects().get() > 0 ? bench.counters.rejects().get() + " inputs" : RejectReason.NONE);
    }

    @Benchmark
    public long heartbeat()
    {
        return send(++insideNs);
    }

    @Benchmark
    public long epoch()
    {
        epochNs += HOUR;
        return send(epochNs);
    }

    private long send(final long timestampNs)
    {
        heartbeat.putLong(HEADER + HeartbeatEncoder.timestampNsEncodingOffset(), timestampNs, LITTLE_ENDIAN);
        heartbeat.putLong(HEADER + HeartbeatEncoder.correlationIdEncodingOffset(), ++correlationId, LITTLE_ENDIAN);
        bench.processor.process(heartbeat, 0, heartbeatLength, -1);
        return bench.outbox.frames;
    }

    @Benchmark
    public double checkBorrower()
    {
        return decide(borrowerSlots);
    }

    @Benchmark
    public double checkNonBorrower()
    {
        return decide(otherSlots);
    }

    private double decide(final int[] slots)
    {
        final int k = next++ & CheckStream.MASK;
        final int slot = slots[(int)((k * 2_654_435_761L) % slots.length)];
        bench.model.withOpenOrders(slot, before);
        bench.model.whatIf(slot, checks.instruments[k], checks.signedQuantities[k], checks.limits[k], -1, 0.0, after);
        return after.initialMargin - before.initialMargin;
    }
}
