package io.pme.simulation;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublicationFrameSinkTest
{
    private static final String CHANNEL = "aeron:ipc?term-length=64k";
    private static final int STREAM_ID = 1001;

    @TempDir
    Path aeronDir;

    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void setUp()
    {
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void softFailuresAreRetriedAndClosedIsFatal()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[32]);
        final Publication publication = aeron.addPublication(CHANNEL, STREAM_ID);
        final PublicationFrameSink sink = new PublicationFrameSink(publication);

        assertFalse(sink.offer(frame, 0, frame.capacity()));
        assertEquals(1, sink.notConnected());

        try (Subscription subscription = aeron.addSubscription(CHANNEL, STREAM_ID))
        {
            while (!publication.isConnected())
            {
                Thread.onSpinWait();
            }

            // connected, the publication may still answer ADMIN_ACTION or BACK_PRESSURED: a soft failure, which the
            // sink reports as false for its caller to offer again
            int attempts = 1;
            while (!sink.offer(frame, 0, frame.capacity()))
            {
                attempts++;
                Thread.onSpinWait();
            }
            assertEquals(attempts - 1, sink.notConnected() - 1 + sink.backPressured(), "every refusal is counted");
            int received = 0;
            while (0 == received)
            {
                received = subscription.poll((buffer, offset, length, header) -> assertEquals(32, length), 10);
            }
        }

        publication.close();
        assertThrows(IllegalStateException.class, () -> sink.offer(frame, 0, frame.capacity()));
        assertEquals(1, sink.failures());
    }
}
