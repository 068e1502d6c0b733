package io.github.inceptioncam.cli;

import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.inference.EngineSettings;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that load a model: which model, metadata overrides, device. */
final class ModelOptions {
	@Option(names = "--model", paramLabel = "PATH", description = "ONNX model file (default: the built-in model).")
	Path model;

	@Option(names = "--labels", paramLabel = "PATH", description = "Labels file, one per line (overrides the model's labels).")
	Path labels;

	@Option(names = "--mean", paramLabel = "V[,V,V]", split = ",", description = "Per-channel mean (overrides the metadata).")
	double[] mean;

	@Option(names = "--std", paramLabel = "V[,V,V]", split = ",", description = "Per-channel std (overrides the metadata).")
	double[] std;

	@Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto", description = "Where to run (default: ${DEFAULT-VALUE}).")
	String device;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0",
		description = "ONNX Runtime threads per inference (default: 0, every available processor).")
	int threads;

	@Option(names = "--debug", description = "Print stack traces on errors.")
	boolean debug;

	DeviceChoice deviceChoice() {
		return DeviceChoice.parse(device);
	}

	/** Device and threads as given; throws IllegalArgumentException with a one-line reason. */
	EngineSettings engineSettings() {
		if (threads < 0) throw new IllegalArgumentException("--threads must be 0 (every processor) or more, not " + threads);
		return EngineSettings.of(deviceChoice()).withThreads(threads);
	}

	InceptionModel load() throws ModelException {
		InceptionModel.Overrides o = new InceptionModel.Overrides();
		o.labels = labels;
		o.mean = mean;
		o.std = std;
		return InceptionModel.load(model, o);
	}
}
