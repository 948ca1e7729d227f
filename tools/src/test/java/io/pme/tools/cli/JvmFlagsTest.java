package io.pme.tools.cli;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JvmFlagsTest
{
    @Test
    void agronaBuffersWorkWithTheSharedJvmOptions()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        buffer.putLong(0, 42L);
        assertEquals(42L, buffer.getLong(0));
        assertEquals("true", System.getProperty("chronicle.analytics.disable"));
    }
}
