package io.pme.engine;

import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distinct error log in its file: read by another mapping as the engine writes it, printed as ErrorStat
 * prints, and saved as text before a new engine replaces it.
 */
class EngineErrorsTest
{
    @TempDir
    Path dir;

    @Test
    void anotherMappingReadsEachDistinctErrorOnceWithItsCount() throws IOException
    {
        final File file = dir.resolve("pme-errors.dat").toFile();
        final EngineErrors errors = EngineErrors.mapped(file);
        final IllegalStateException repeated = new IllegalStateException("repeated");
        for (int i = 0; i < 3; i++)
        {
            errors.record(repeated);
        }
        errors.record(new IllegalArgumentException("once"));
        assertTrue(errors.summary().startsWith("3 x java.lang.IllegalStateException: repeated"), errors.summary());

        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "test");
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        try
        {
            assertEquals(2, EngineErrors.print(mapped, new PrintStream(text, true, StandardCharsets.UTF_8)));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
        final String printed = text.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("***" + System.lineSeparator() + "3 observations from "), printed);
        assertTrue(printed.contains("1 observations from "), printed);
        assertTrue(printed.endsWith("2 distinct errors observed." + System.lineSeparator()), printed);

        final File saved = EngineErrors.saveExisting(file);
        assertTrue(saved.getName().matches("pme-errors-\\d{8}-\\d{6}\\.\\d{3}\\.log"), saved.getName());
        assertEquals(printed, Files.readString(saved.toPath()));
    }

    @Test
    void aLogWithoutErrorsOrNoLogIsNotSaved()
    {
        final File file = dir.resolve("pme-errors.dat").toFile();
        assertNull(EngineErrors.saveExisting(file), "no file");
        EngineErrors.mapped(file);
        assertNull(EngineErrors.saveExisting(file), "no error");
    }
}
