using System;
using System.IO;
using System.Threading.Tasks;

namespace CampaignAnalytics.Cli.Tests;

/// <summary>
/// An <c>--out</c> that is a device or a pipe (<c>/dev/null</c>, a FIFO a reader waits on) is written to as it is: the
/// reader gets the same bytes as a file would, and the path stays what it was (a rename over it used to replace a
/// FIFO, or, as root, <c>/dev/null</c> itself, with a regular file).
/// </summary>
public sealed class OutputTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ca-cli-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("parquet")]
    public async Task Export_to_a_fifo_writes_into_it_and_leaves_it_a_fifo(string format)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var spring = CliRunner.Data("spring-sale.json");
        var file = Path.Combine(_dir, "values." + format);
        var expected = await CliRunner.RunAsync("export", spring, "--layout", "long", "--format", format, "--out", file);
        Assert.True(expected.ExitCode == 0, expected.ToString());

        var fifo = Path.Combine(_dir, "pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // The reader, as `--out >(consumer)` has: opening a FIFO waits for the writer.
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        var result = await CliRunner.RunAsync("export", spring, "--layout", "long", "--format", format, "--out", fifo);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(file), await reader.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(CampaignAnalytics.Cli.Infrastructure.SpecialFiles.IsSpecial(fifo), "the FIFO was replaced by a regular file");
        Assert.False(File.Exists(fifo + ".tmp"));
    }

    [Fact]
    public void Regular_files_directories_and_missing_paths_are_not_special()
    {
        var file = Path.Combine(_dir, "plain.csv");
        File.WriteAllText(file, "x");
        Assert.False(CampaignAnalytics.Cli.Infrastructure.SpecialFiles.IsSpecial(file));
        Assert.False(CampaignAnalytics.Cli.Infrastructure.SpecialFiles.IsSpecial(_dir));
        Assert.False(CampaignAnalytics.Cli.Infrastructure.SpecialFiles.IsSpecial(Path.Combine(_dir, "missing")));
        if (OperatingSystem.IsLinux())
        {
            Assert.True(CampaignAnalytics.Cli.Infrastructure.SpecialFiles.IsSpecial("/dev/null"));
        }
    }

    /// <summary>A full disk (or quota, or a failing device) is the environment's failure: exit 1; a path that cannot be used stays exit 2.</summary>
    [Fact]
    public void A_full_disk_exits_1_and_a_missing_folder_exits_2()
    {
        var unix = !OperatingSystem.IsWindows();
        var full = new IOException("No space left on device : '/tmp/x.parquet.tmp'", unix ? 28 : unchecked((int)0x80070070));
        Assert.Equal(1, CampaignAnalytics.Cli.Infrastructure.CommandRunner.Run(() => throw full));
        Assert.Equal(2, CampaignAnalytics.Cli.Infrastructure.CommandRunner.Run(() => throw new DirectoryNotFoundException("Could not find a part of the path '/nope/x.csv'.")));
    }
}

