package io.github.inceptioncam.imagej.ij1;

import ij.IJ;
import io.github.inceptioncam.imagej.BatchClassifyCommand;
import io.github.inceptioncam.imagej.CheckGpuCommand;
import io.github.inceptioncam.imagej.ModelInfoCommand;
import io.github.inceptioncam.imagej.ClassifyImageCommand;
import io.github.inceptioncam.imagej.InstallGpuCommand;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;

/**
 * Inside Fiji (imagej-legacy present) the ImageJ 1.x entry hands over to the SciJava command, so both
 * menu routes run the same code with the same macro keys (this happens after Help > Refresh Menus,
 * which restores the ImageJ 1.x items). Not exercised by the tests: Fiji is not available here.
 */
final class FijiBridge {
	private FijiBridge() {}

	/** Runs the command through Fiji's SciJava context and returns true, or returns false outside Fiji. */
	static boolean runInFiji(String arg) throws Exception {
		try {
			Class.forName("net.imagej.legacy.LegacyService");
		} catch (ClassNotFoundException e) {
			return false;
		}
		Object ctx = IJ.runPlugIn("org.scijava.Context", "");
		if (!(ctx instanceof Context)) return false;
		Class<? extends Command> cmd;
		switch (arg == null ? "" : arg) {
			case "gpu": cmd = CheckGpuCommand.class; break;
			case "install": cmd = InstallGpuCommand.class; break;
			case "batch": cmd = BatchClassifyCommand.class; break;
			case "info": cmd = ModelInfoCommand.class; break;
			case "sample": cmd = io.github.inceptioncam.imagej.SampleFieldCommand.class; break;
			default: cmd = ClassifyImageCommand.class;
		}
		// through the ModuleService: CommandService.run returns no Future for a DynamicCommand (Classify, Batch)
		Context c = (Context) ctx;
		c.service(org.scijava.module.ModuleService.class).run(c.service(CommandService.class).getCommand(cmd), true).get();
		return true;
	}
}
