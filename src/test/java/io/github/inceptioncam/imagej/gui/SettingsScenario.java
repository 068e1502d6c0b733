package io.github.inceptioncam.imagej.gui;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.macro.Interpreter;
import io.github.inceptioncam.imagej.ClassifyImageCommand;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.util.Locale;
import java.util.Vector;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.ui.UIService;

/**
 * Child-JVM scenario: settings remembered for dialogs, never for macros. In plain ImageJ 1.x: the Classify Image...
 * dialog is run with changed values (FIRST: what it showed), the next dialog shows them (SECOND), a macro with absent
 * keys gets the defaults (MACRO). The SciJava command (Fiji's face), on a real display with a UI service: a run as
 * from its dialog (SCIJAVA_DIALOG), the next one fills the inputs nothing set from it (SCIJAVA_NEXT), a run from a
 * macro keeps the defaults (SCIJAVA_MACRO). Each line: top, roi, opacity, colormap, class, plus what the run did.
 */
public final class SettingsScenario {
	static CommandService commands;
	static ImagePlus image;

	public static void main(String[] args) {
		Scenarios.runAndExit(SettingsScenario::run, args);
	}

	static GenericDialog waitForDialog() throws InterruptedException {
		for (int i = 0; i < 1200; i++) {
			Thread.sleep(50);
			for (Window w : Window.getWindows()) if (w instanceof GenericDialog && w.isShowing()) return (GenericDialog) w;
		}
		throw new IllegalStateException("no dialog");
	}

	@SuppressWarnings("unchecked")
	static String shown(GenericDialog gd) {
		Vector<TextField> numbers = gd.getNumericFields();
		Vector<Choice> choices = gd.getChoices();
		Vector<Checkbox> boxes = gd.getCheckboxes();
		return "top=" + numbers.get(0).getText() + " roi=" + boxes.get(2).getState() + " opacity=" + numbers.get(2).getText() + " colormap="
			+ choices.get(2).getSelectedItem() + " class=" + choices.get(0).getSelectedItem() + " device=" + choices.get(1).getSelectedItem();
	}

	static String effects(ImagePlus imp) {
		int n = imp.getOverlay() == null ? 0 : imp.getOverlay().size();
		String opacity = "-", cam = "-";
		if (n > 0) for (Roi r : imp.getOverlay().toArray()) if (r instanceof ImageRoi) {
			opacity = String.format(Locale.ROOT, "%.2f", ((ImageRoi) r).getOpacity());
			cam = r.getName().replace(' ', '_');
		}
		return "overlay=" + n + " overlay_opacity=" + opacity + " cam=" + cam;
	}

	@SuppressWarnings("unchecked")
	static void run(String[] args) throws Exception {
		image = Scenarios.launchWithImage(args[0]);
		// 1. the dialog, values changed, OK
		WindowManager.setCurrentWindow(image.getWindow());
		IJ.doCommand("Classify Image...");
		GenericDialog gd = waitForDialog();
		System.out.println("FIRST " + shown(gd));
		StringBuilder classes = new StringBuilder();
		Choice classChoice = (Choice) gd.getChoices().get(0);
		for (int i = 0; i < classChoice.getItemCount(); i++) classes.append(i == 0 ? "" : ",").append(classChoice.getItem(i));
		System.out.println("CLASSES " + classes);
		final GenericDialog first = gd;
		EventQueue.invokeAndWait(() -> {
			Vector<TextField> numbers = first.getNumericFields();
			numbers.get(0).setText("2");
			numbers.get(2).setText("0.30");
			Vector<Choice> choices = first.getChoices();
			choices.get(0).select("mitosis");
			choices.get(1).select("cpu");
			choices.get(2).select("Ice");
			Vector<Checkbox> boxes = first.getCheckboxes();
			boxes.get(2).setState(true);
			first.actionPerformed(new ActionEvent(first.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK"));
		});
		for (int i = 0; i < 1200 && image.getOverlay() == null; i++) Thread.sleep(50);
		Thread.sleep(500);
		System.out.println("FIRST_RUN " + effects(image));
		// 2. the next dialog starts from them; cancelled
		image.setOverlay(null);
		WindowManager.setCurrentWindow(image.getWindow());
		IJ.doCommand("Classify Image...");
		gd = waitForDialog();
		System.out.println("SECOND " + shown(gd));
		final GenericDialog second = gd;
		// another model in the model field: the class chooser lists its labels
		EventQueue.invokeAndWait(() -> ((TextField) second.getStringFields().get(0)).setText(args[1]));
		Choice chooser = (Choice) gd.getChoices().get(0);
		for (int i = 0; i < 600 && !(chooser.getItemCount() == 7 && chooser.getItem(3).equals("cat")); i++) Thread.sleep(50);
		StringBuilder refilled = new StringBuilder();
		for (int i = 0; i < chooser.getItemCount(); i++) refilled.append(i == 0 ? "" : ",").append(chooser.getItem(i));
		System.out.println("REFILLED " + refilled + " selected=" + chooser.getSelectedItem());
		EventQueue.invokeAndWait(() -> second.actionPerformed(new ActionEvent(second.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel")));
		Thread.sleep(500);
		// 3. a macro that leaves keys out gets the defaults, not the remembered values
		Interpreter in = new Interpreter();
		in.run("run(\"Classify Image...\", \"model=[] device=cpu\");\n");
		System.out.println("MACRO " + effects(image));
		image.setOverlay(null);

		// the SciJava command (Fiji's face)
		Context ctx = new Context(CommandService.class, org.scijava.app.StatusService.class, org.scijava.log.LogService.class, UIService.class);
		commands = ctx.service(CommandService.class);
		System.out.println("UI_HEADLESS " + ctx.service(UIService.class).isHeadless());
		org.scijava.module.Module a = run( "imp", image, "model", "", "device", "cpu", "top", 2, "opacity", 0.3,
			"colormap", "Ice", "roi", true, "Class", "mitosis");
		System.out.println("SCIJAVA_DIALOG " + inputs(a) + " " + effects(image));
		image.setOverlay(null);
		org.scijava.module.Module b = run( "imp", image, "model", "");
		System.out.println("SCIJAVA_NEXT " + inputs(b) + " " + effects(image));
		image.setOverlay(null);
		in = new Interpreter();
		in.run("call(\"" + SettingsScenario.class.getName() + ".sciJavaFromMacro\");\n");
		ctx.dispose();
	}

	/** Runs Classify Image... through the ModuleService (CommandService.run returns null for a DynamicCommand). */
	static org.scijava.module.Module run(Object... inputs) throws Exception {
		org.scijava.module.ModuleService ms = commands.context().service(org.scijava.module.ModuleService.class);
		return ms.run(commands.getCommand(ClassifyImageCommand.class), true, inputs).get();
	}

	static String inputs(org.scijava.module.Module m) {
		return "top=" + m.getInput("top") + " roi=" + m.getInput("roi") + " opacity=" + m.getInput("opacity") + " colormap=" + m.getInput("colormap")
			+ " class=" + m.getInput("Class") + " canceled=" + ((org.scijava.Cancelable) m).isCanceled();
	}

	/** Called by a running macro: the SciJava command with only the image and the model given. */
	public static String sciJavaFromMacro() throws Exception {
		org.scijava.module.Module c = run( "imp", image, "model", "", "device", "cpu");
		System.out.println("SCIJAVA_MACRO " + inputs(c) + " " + effects(image));
		return "";
	}
}
