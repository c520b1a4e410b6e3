package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The model a command line runs on: one command's where the words name it, the whole one otherwise. */
class CommandModelTest {
    private final CommandLine.IFactory factory = new CommandLine.IFactory() {
        private final CliContext context = new CliContext(Map.of(), System.out, System.err, Path.of("."), false);

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    };

    @Test
    void commands_areNamedAsTheirAnnotationsNameThem() {
        for (RootCommand.Named command : RootCommand.COMMANDS) {
            assertThat(command.type().getAnnotation(CommandLine.Command.class).name()).isEqualTo(command.name());
        }
        assertThat(CommandModel.whole(factory).getSubcommands().keySet())
                .containsExactlyElementsOf(RootCommand.COMMANDS.stream().map(RootCommand.Named::name).toList());
    }

    @Test
    void named_isTheFirstWordThatIsNeitherAnOptionNorItsValue() {
        assertThat(name("-q", "sync", "dir")).contains("sync");
        assertThat(name("--data", "sync", "status", "dir")).contains("status");
        assertThat(name("--transfers=4", "pull")).contains("pull");
        assertThat(name("--help")).isEmpty();
        assertThat(name("synk", "dir")).isEmpty();
        assertThat(name("--", "sync")).isEmpty();
    }

    @Test
    void syncs_onlyTheCommandsThatOpenAFolderAndAskForAPlan() {
        assertThat(CommandModel.syncs(new String[] {"-q", "sync", "dir"})).isTrue();
        assertThat(CommandModel.syncs(new String[] {"--data", "x", "status"})).isTrue();
        assertThat(CommandModel.syncs(new String[] {"watch"})).isTrue();
        assertThat(CommandModel.syncs(new String[] {"--version"})).isFalse();
        assertThat(CommandModel.syncs(new String[] {"completion", "bash"})).isFalse();
        assertThat(CommandModel.syncs(new String[] {"--", "sync"})).isFalse();
    }

    @Test
    void picocli_isCompiledForJava17_soTheClassDataArchiveCanHoldIt() throws Exception {
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
            byte[] header = in.readNBytes(8);
            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            assertThat(major).as("class file major version of picocli.CommandLine").isGreaterThanOrEqualTo(61);
        }
    }

    @Test
    void forRun_namedCommand_buildsOnlyIt() {
        CommandLine line = CommandModel.forRun(factory, new String[] {"-q", "sync", "dir", "--dry-run"});

        assertThat(line.getSubcommands()).containsOnlyKeys("sync");
        assertThat(CommandModel.forRun(factory, new String[] {"devices", "revoke", "x"}).getSubcommands().get("devices")
                .getSubcommands()).containsKeys("revoke", "role", "rename");
        assertThat(CommandModel.forRun(factory, new String[] {"--version"}).getSubcommands()).isEmpty();
    }

    @Test
    void forRun_wordsTheSmallModelReadsOtherwise_getTheWholeModel() {
        String[] typo = {"sync", "--dry-rn"};
        String[] tooMany = {"sync", "a", "b"};
        String[] help = {"--help"};

        assertThat(CommandModel.forRun(factory, new String[] {"--data", "sync", "status"}).getSubcommands())
                .containsOnlyKeys("status");
        for (String[] args : new String[][] {typo, tooMany, help, {}}) {
            assertThat(CommandModel.forRun(factory, args).getSubcommands()).as(String.join(" ", args))
                    .hasSameSizeAs(RootCommand.COMMANDS);
        }
    }

    private static Optional<String> name(String... args) {
        return CommandModel.named(args).map(RootCommand.Named::name);
    }
}
