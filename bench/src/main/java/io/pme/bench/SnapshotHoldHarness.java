package io.pme.bench;

import io.pme.engine.journal.Snapshot;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.state.StateSnapshot;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long taking a snapshot holds the business-logic thread at N accounts (default 100,000 × 10 positions), and
 * what the snapshot writer's thread then does: the business logic settles the accounts and encodes the state; the
 * writer hashes the encoding (the digest in the file's header), writes and fsyncs it. Prints one line per round, and
 * what the whole took on one thread before the writer existed (encode, digest by a second encoding, write); then
 * what a recovery's restore takes (the file's checksum streamed, the state decoded from the file, back into the
 * same state) and whether the restored state has the file's digest.
 */
public final class SnapshotHoldHarness
{
    private SnapshotHoldHarness()
    {
    }

    /**
     * @param args accounts (default 100000), rounds (default 4), the directory to write into (default a temporary
     *             one, deleted after).
     * @throws Exception when the directory cannot be made.
     */
    public static void main(final String[] args) throws Exception
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        final Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pme-snapshot-hold");
        final BenchState bench = new BenchState(accounts);
        System.out.println(bench.summary());
        final StateSnapshot codec = new StateSnapshot();
        final StateSnapshot reader = new StateSnapshot();
        final SnapshotStore store = new SnapshotStore(dir);
        for (int round = 0; round < rounds; round++)
        {
            final long startNs = System.nanoTime();
            bench.model.settleForSnapshot();
            bench.model.settle();
            final long length = codec.encode(bench.state);
            final long heldNs = System.nanoTime();
            final long digest = codec.digestOf(length, codec.clientsStart(), codec.clientsEnd()) ^
                bench.model.parametersDigest();
            final long hashedNs = System.nanoTime();
            final long sequence = bench.state.inputSequence() + round;
            store.write(sequence, -1, digest, codec.byteBuffers(length));
            final long writtenNs = System.nanoTime();
            final long oneThreadDigest = bench.processor.digest();
            final long oneThreadNs = (writtenNs - startNs) + (System.nanoTime() - writtenNs);
            System.out.printf("round %d: %,d bytes; business logic held %.1f ms (settle and encode); writer thread " +
                "%.1f ms (hash %.1f, write and fsync %.1f); digest %s; all on one thread about %.1f ms%n",
                round, length, (heldNs - startNs) / 1e6, (writtenNs - heldNs) / 1e6, (hashedNs - heldNs) / 1e6,
                (writtenNs - hashedNs) / 1e6, oneThreadDigest == digest ? "matches" : "DIFFERS", oneThreadNs / 1e6);
            final long loadNs = System.nanoTime();
            final Snapshot snapshot = store.loadNewest();
            final long checkedNs = System.nanoTime();
            try (FileChannel payload = snapshot.openPayload())
            {
                reader.decode(payload, snapshot.payloadLength(), bench.state);
            }
            final long decodedNs = System.nanoTime();
            final long restoredDigest = reader.digest(bench.state) ^ bench.model.parametersDigest();
            System.out.printf("round %d: restore of %,d bytes %.1f ms (checksum %.1f, decode %.1f); digest %s%n",
                round, snapshot.payloadLength(), (decodedNs - loadNs) / 1e6, (checkedNs - loadNs) / 1e6,
                (decodedNs - checkedNs) / 1e6, restoredDigest == snapshot.stateDigest() ? "matches" : "DIFFERS");
            Files.deleteIfExists(dir.resolve(SnapshotStore.fileName(sequence)));
        }
        if (args.length <= 2)
        {
            Files.deleteIfExists(dir);
        }
    }
}
