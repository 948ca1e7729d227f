package io.pme.bench;

import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.state.StateSnapshot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long taking a snapshot holds the business-logic thread at N accounts (default 100,000 × 10 positions), split
 * into its parts: the state's encoding, its digest and the file's write and fsync. Prints one line per round.
 */
public final class SnapshotHoldHarness
{
    private SnapshotHoldHarness()
    {
    }

    /**
     * @param args accounts (default 100000), rounds (default 5), the directory to write into (default a temporary
     *             one).
     * @throws Exception when the directory cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pme-snapshot-hold");
        final BenchState bench = new BenchState(accounts);
        System.out.println(bench.summary());
        final StateSnapshot codec = new StateSnapshot();
        final SnapshotStore store = new SnapshotStore(dir);
        for (int round = 0; round < rounds; round++)
        {
            final long startNs = System.nanoTime();
            final int length = codec.encode(bench.state);
            final long encodedNs = System.nanoTime();
            final long digest = bench.processor.digest();
            final long digestedNs = System.nanoTime();
            store.write(bench.state.inputSequence() + round, -1, digest, codec.buffer(), 0, length);
            final long writtenNs = System.nanoTime();
            System.out.printf("round %d: %,d bytes, encode %.1f ms, digest %.1f ms, write+fsync %.1f ms, " +
                "total %.1f ms%n", round, length, (encodedNs - startNs) / 1e6, (digestedNs - encodedNs) / 1e6,
                (writtenNs - digestedNs) / 1e6, (writtenNs - startNs) / 1e6);
        }
    }
}
