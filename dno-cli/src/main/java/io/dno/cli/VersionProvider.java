package io.dno.cli;

import picocli.CommandLine;

/** The library version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = DnoCommand.class.getPackage().getImplementationVersion();
        return new String[] {"dno " + (version == null ? "development build" : version)};
    }
}
