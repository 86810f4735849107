package dev.sluice.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Mojo;

/** Placeholder. */
@Mojo(name = "info", threadSafe = true)
public class InfoMojo extends AbstractMojo {
    @Override
    public void execute() {
        getLog().info("hello");
    }
}
