package io.github.inceptioncam.imagej;

import ij.measure.ResultsTable;
import io.github.inceptioncam.model.InceptionModel;
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
		description = "An Inception-family ONNX model; leave empty for the built-in demo model")
	String model = "";

	@Parameter(type = ItemIO.OUTPUT)
	ResultsTable table;

	@Parameter
	LogService log;


	@Override
	public void run() {
		try {
			InceptionModel m = InceptionModel.load(model == null || model.isBlank() ? null : Paths.get(model.trim()), null);
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

	private static void row(ResultsTable rt, String item, String value) {
		rt.incrementCounter();
		rt.addValue("item", item);
		rt.addValue("value", value);
	}
}
