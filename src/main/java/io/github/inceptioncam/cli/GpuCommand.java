package io.github.inceptioncam.cli;

import io.github.inceptioncam.inference.GpuPack;
import io.github.inceptioncam.inference.GpuPackException;
import io.github.inceptioncam.inference.GpuPackInstaller;
import io.github.inceptioncam.inference.GpuStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gpu install|status|remove}: the add-on GPU pack (ONNX Runtime's CUDA natives). */
@Command(name = "gpu", mixinStandardHelpOptions = true, description = "Install, check or remove the GPU pack (ONNX Runtime's CUDA build, Linux x64 and Windows x64).",
	subcommands = {GpuCommand.Install.class, GpuCommand.Status.class, GpuCommand.Remove.class})
final class GpuCommand implements Callable<Integer> {
	@Spec
	CommandSpec spec;

	@Override
	public Integer call() {
		spec.commandLine().usage(spec.commandLine().getErr());
		return Main.USAGE_OR_MODEL;
	}

	/** Where the pack lives and where its jar comes from; the defaults outside tests. */
	static final class Places {
		final Path home;
		final Path localRepo;
		final String central;

		Places(Path home, Path localRepo, String central) {
			this.home = home;
			this.localRepo = localRepo;
			this.central = central;
		}

		static Places defaults() {
			return new Places(GpuPack.defaultHome(), GpuPackInstaller.defaultLocalRepo(), GpuPackInstaller.CENTRAL);
		}

		GpuPack pack() {
			return GpuPack.at(home);
		}
	}

	/** Creates the gpu subcommands with the given places (tests), everything else as picocli does. */
	static CommandLine.IFactory factory(Places places) {
		return new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> cls) throws Exception {
				if (cls == Install.class) return cls.cast(new Install(places));
				if (cls == Status.class) return cls.cast(new Status());
				if (cls == Remove.class) return cls.cast(new Remove(places));
				return CommandLine.defaultFactory().create(cls);
			}
		};
	}

	@Command(name = "install", mixinStandardHelpOptions = true, description = "Install the GPU pack: the natives of com.microsoft.onnxruntime:onnxruntime_gpu of this ONNX Runtime's "
		+ "version for this platform, from --from, else the local Maven repository, else Maven Central (about 640 MB).")
	static final class Install implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--from", paramLabel = "JAR", description = "An already downloaded onnxruntime_gpu-<version>.jar.")
		Path from;

		private final Places places;

		Install() {
			this(Places.defaults());
		}

		Install(Places places) {
			this.places = places;
		}

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
			try {
				GpuPack pack = places.pack();
				GpuPackInstaller installer = new GpuPackInstaller(pack, places.localRepo, places.central, new StderrProgress(err), null);
				GpuPack.Info info = installer.install(from);
				out.println(info.summary(pack.folder()));
				out.flush();
				return Main.OK;
			} catch (GpuPackException | IllegalStateException e) {
				err.println("error: " + Main.oneLine(e));
				err.flush();
				return Main.USAGE_OR_MODEL;
			}
		}
	}

	@Command(name = "status", mixinStandardHelpOptions = true, description = "The GPU pack, where ONNX Runtime was loaded from, the NVIDIA driver, CUDA 12 / cuDNN 9 libraries, "
		+ "ONNX Runtime's providers and what --device auto picks.")
	static final class Status implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		@Option(names = "--json", description = "One JSON object on stdout.")
		boolean json;

		@Override
		public Integer call() {
			PrintWriter out = spec.commandLine().getOut();
			GpuStatus s = GpuStatus.collect();
			if (json) out.println(s.toJson());
			else for (String line : s.lines()) out.println(line);
			out.flush();
			return Main.OK;
		}
	}

	@Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete the GPU pack (every version) from the Inception CAM home folder.")
	static final class Remove implements Callable<Integer> {
		@Spec
		CommandSpec spec;

		private final Places places;

		Remove() {
			this(Places.defaults());
		}

		Remove(Places places) {
			this.places = places;
		}

		@Override
		public Integer call() {
			try {
				spec.commandLine().getOut().println(GpuPackInstaller.remove(places.pack()));
				spec.commandLine().getOut().flush();
				return Main.OK;
			} catch (GpuPackException | IllegalStateException e) {
				spec.commandLine().getErr().println("error: " + Main.oneLine(e));
				spec.commandLine().getErr().flush();
				return Main.USAGE_OR_MODEL;
			}
		}
	}

	/** Progress on stderr: one line per message and per tenth done. */
	static final class StderrProgress implements GpuPackInstaller.Progress {
		private final PrintWriter err;
		private String lastMessage;
		private long lastStep = -1;

		StderrProgress(PrintWriter err) {
			this.err = err;
		}

		@Override
		public void update(String message, long done, long total) {
			String kind = message.split(" ")[0];
			boolean newKind = lastMessage == null || !lastMessage.split(" ")[0].equals(kind);
			long step = total > 0 ? done * 10 / total : done / (64L << 20);
			if (!newKind && step == lastStep) return;
			lastMessage = message;
			lastStep = step;
			if (total > 0) err.printf(Locale.ROOT, "%s: %d%% (%.0f of %.0f MB)%n", message, done * 100 / total, done / 1048576.0, total / 1048576.0);
			else if (done > 0) err.printf(Locale.ROOT, "%s: %.0f MB%n", message, done / 1048576.0);
			else err.println(message);
			err.flush();
		}
	}

}
