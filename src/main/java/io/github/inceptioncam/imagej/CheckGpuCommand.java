package io.github.inceptioncam.imagej;

import io.github.inceptioncam.inference.GpuReport;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins > Inception CAM > Check GPU (no dialog): what device auto would pick, and why. */
@Plugin(type = Command.class, headless = true, menuPath = CheckGpuCommand.MENU)
public class CheckGpuCommand implements Command {
	public static final String MENU = "Plugins>Inception CAM>Check GPU";

	@Parameter(type = ItemIO.OUTPUT)
	String report;

	@Parameter
	LogService log;

	@Override
	public void run() {
		report = String.join("\n", GpuReport.lines());
		for (String line : report.split("\n")) log.info("Inception CAM: " + line);
	}
}
