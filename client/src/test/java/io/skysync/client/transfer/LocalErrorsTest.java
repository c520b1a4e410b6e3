package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class LocalErrorsTest {
    @Test
    void reason_isTheOperatingSystemsWords_notAJavaClassName() {
        assertThat(LocalErrors.reason(new AccessDeniedException("/r/sub/x"))).isEqualTo("Permission denied");
        assertThat(LocalErrors.reason(new NoSuchFileException("/r/x"))).isEqualTo("No such file or directory");
        assertThat(LocalErrors.reason(new NotDirectoryException("/r/f/x"))).isEqualTo("Not a directory");
        assertThat(LocalErrors.reason(new DirectoryNotEmptyException("/r/d"))).isEqualTo("Directory not empty");
        assertThat(LocalErrors.reason(new FileAlreadyExistsException("/r/x"))).isEqualTo("File exists");
        assertThat(LocalErrors.reason(new FileSystemException("/r/x", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(LocalErrors.reason(new IOException("Input/output error"))).isEqualTo("Input/output error");
        assertThat(LocalErrors.reason(new IOException())).isEqualTo("IOException");
    }
}
