package io.github.inceptioncam.imagej;

import io.github.inceptioncam.inference.GpuPack;
import io.github.inceptioncam.inference.GpuPackException;
import io.github.inceptioncam.inference.GpuPackInstaller;
import java.io.File;
import java.nio.file.Path;
import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;

/**
 * Plugins > Inception CAM > Install GPU Support...: installs the GPU pack exactly as {@code gpu install}
 * does (from the given onnxruntime_gpu jar, else the local Maven repository, else Maven Central), with
 * progress in the status bar. The pack is used from the next start of Fiji on.
 */
@Plugin(type = Command.class, headless = true, menuPath = InstallGpuCommand.MENU)
public class InstallGpuCommand extends CancelableCommand {
	public static final String MENU = "Plugins>Inception CAM>Install GPU Support...";

	@Parameter(label = "onnxruntime_gpu jar (empty: local Maven repository, else download about 640 MB)", required = false, persist = false,
		style = FileWidget.OPEN_STYLE, description = "ONNX Runtime's CUDA build (onnxruntime_gpu jar) of the same version; empty takes it from the local Maven repository or Maven Central")
	File from;

	@Parameter(label = "Help", callback = "openHelp", required = false, persist = false, description = "Opens the documentation of the Fiji commands in the browser")
	org.scijava.widget.Button help;

	@Parameter(type = ItemIO.OUTPUT)
	String result;

	@Parameter
	LogService log;

	@Parameter
	StatusService status;

	/** The Inception CAM home folder; null: {@link GpuPack#defaultHome()} (tests set it). */
	Path home;

	@Override
	public void run() {
		try {
			GpuPack pack = home == null ? GpuPack.forUser() : GpuPack.at(home);
			GpuPackInstaller installer = new GpuPackInstaller(pack, GpuPackInstaller.defaultLocalRepo(), GpuPackInstaller.CENTRAL,
				new StatusProgress(status), this::isCanceled);
			GpuPack.Info info = installer.install(from == null || from.getPath().isBlank() ? null : from.toPath());
			result = info.summary(pack.folder()) + ". " + RESTART;
			log.info("Inception CAM: " + result);
		} catch (GpuPackException | RuntimeException e) {
			String msg = e.getMessage() == null ? e.toString() : e.getMessage();
			log.error("Inception CAM: " + msg);
			cancel(msg);
		} finally {
			status.clearStatus();
		}
	}

	/** Why a restart is needed, for the messages after an install. */
	public static final String RESTART = "Restart Fiji to activate it (ONNX Runtime's native libraries cannot be swapped in a running Fiji)";

	/** Progress in the status bar, updated once per percent. */
	static final class StatusProgress implements GpuPackInstaller.Progress {
		private final StatusService status;
		private long lastPercent = -1;
		private String lastMessage;

		StatusProgress(StatusService status) {
			this.status = status;
		}

		@Override
		public void update(String message, long done, long total) {
			long percent = total > 0 ? done * 100 / total : -1;
			if (percent == lastPercent && message.equals(lastMessage)) return;
			lastPercent = percent;
			lastMessage = message;
			if (total > 0) status.showStatus((int) percent, 100, "Inception CAM: " + message);
			else status.showStatus("Inception CAM: " + message);
		}
	}

	/** The Help button: the documentation of the commands. */
	void openHelp() {
		Help.open();
	}
}
