package dev.qanvas.cli;

import dev.qanvas.project.Version;
import picocli.CommandLine;

/** picocli's view of {@link Version}, for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return Version.lines();
    }
}
