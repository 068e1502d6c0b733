package io.github.inceptioncam.imagej;

import ij.ImagePlus;
import io.github.inceptioncam.demo.SampleField;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins > Inception CAM > Sample Field (no dialog): opens {@link SampleField}, a demo stack with one field per class of the built-in model. */
@Plugin(type = Command.class, headless = true, menuPath = SampleFieldCommand.MENU)
public class SampleFieldCommand implements Command {
	public static final String MENU = "Plugins>Inception CAM>Sample Field";

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus field;

	@Override
	public void run() {
		field = SampleField.make();
	}
}
