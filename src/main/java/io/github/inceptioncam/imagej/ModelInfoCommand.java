package io.github.inceptioncam.imagej;

import ij.measure.ResultsTable;
import io.github.inceptioncam.demo.DemoDataset;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.ModelCost;
import io.github.inceptioncam.model.ModelException;
import java.awt.GraphicsEnvironment;
import java.nio.file.Paths;
import java.util.Arrays;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Plugins > Inception CAM > Model Info...: the {@code info} report as a table. */
@Plugin(type = Command.class, headless = true, menuPath = ModelInfoCommand.MENU)
public class ModelInfoCommand extends CancelableCommand {
	public static final String MENU = "Plugins>Inception CAM>Model Info...";
	public static final String TABLE = "Inception CAM model info";

	@Parameter(label = "Model file (empty: built-in)", required = false, persist = false,
		style = org.scijava.widget.FileWidget.OPEN_STYLE, description = "An Inception-family ONNX model; leave empty for the built-in demo model")
	java.io.File model;

	@Parameter(label = "Help", callback = "openHelp", required = false, persist = false, description = "Opens the documentation of the Fiji commands in the browser")
	org.scijava.widget.Button help;

	@Parameter(type = ItemIO.OUTPUT)
	ResultsTable table;

	@Parameter
	LogService log;


	@Override
	public void run() {
		try {
			String path = model == null ? "" : model.getPath().trim();
			InceptionModel m = InceptionModel.load(path.isEmpty() ? null : Paths.get(path), null);
			table = table(m, ModelCost.analyse(m));
			if (!GraphicsEnvironment.isHeadless()) table.show(TABLE);
		} catch (ModelException | RuntimeException e) {
			log.error("Inception CAM: " + e.getMessage());
			cancel(e.getMessage());
		}
	}


	/** The report as a table: summary rows (item, value), then one row per costed layer. */
	public static ResultsTable table(InceptionModel m, ModelCost cost) {
		ResultsTable rt = new ResultsTable();
		// first what the model is for and what it expects, then the technical report
		boolean builtIn = m.displayName().startsWith("built-in:");
		ModelMetadata md = m.metadata();
		row(rt, "purpose", builtIn
			? "demo: classifies synthetic widefield fields of stained nuclei (" + String.join(", ", md.labels()) + ") and shows the cell that decides"
			: "image classification" + (classes(m) > 0 ? " into " + classes(m) + " classes" : "") + (md.name() == null || md.name().isBlank() ? "" : " (" + md.name() + ")"));
		row(rt, "input size", (md.inputWidth() > 0 && md.inputHeight() > 0 ? md.inputWidth() + " x " + md.inputHeight() + " pixels" : "any size") + ", " + md.channels() + (md.channels() == 1 ? " channel" : " channels")
			+ " (larger images are resized to it)");
		row(rt, "pixel size", builtIn
			? DemoDataset.DEFAULT_UM_PER_PIXEL + " \u00B5m per pixel (40x objective, 13 \u00B5m camera pixels): give it fields at about this pixel size"
			: "not recorded by the model: use images at the pixel size it was trained on");
		row(rt, "training", builtIn ? "trained on synthetic data: demo only (see docs/MODEL_CARD.md); not for real microscopy images" : "see the model's own documentation");
		row(rt, "model", m.displayName());
		row(rt, "sha256", m.sha256());
		row(rt, "main output", m.head().output());
		row(rt, "CAM head", m.head().hasCam() ? m.head().head().describe() : "none: " + m.head().noCamReason());
		for (String s : m.head().ignoredOutputs()) row(rt, "ignored output", s);
		row(rt, "classes", m.head().hasCam() && m.head().head().classes() > 0 ? String.valueOf(m.head().head().classes()) : "?");
		row(rt, "labels", String.join(", ", m.metadata().labels()));
		row(rt, "preprocessing", m.metadata().preprocessingSummary());
		for (ModelCost.Layer l : cost.layers()) {
			rt.incrementCounter();
			rt.addValue("item", "layer");
			rt.addValue("value", l.name);
			rt.addValue("op", l.op);
			rt.addValue("output", l.outputShape == null ? "?" : Arrays.toString(l.outputShape));
			rt.addValue("MACs", l.macs);
			rt.addValue("params", l.params);
		}
		row(rt, "total MACs", String.valueOf(cost.totalMacs()));
		row(rt, "total params", String.valueOf(cost.totalParams()));
		return rt;
	}

	/** The number of classes: from the labels, else from the head; 0 when unknown. */
	private static int classes(InceptionModel m) {
		if (!m.metadata().labels().isEmpty()) return m.metadata().labels().size();
		return m.head().hasCam() ? Math.max(0, m.head().head().classes()) : 0;
	}

	private static void row(ResultsTable rt, String item, String value) {
		rt.incrementCounter();
		rt.addValue("item", item);
		rt.addValue("value", value);
	}

	/** The Help button: the documentation of the commands. */
	void openHelp() {
		Help.open();
	}
}
