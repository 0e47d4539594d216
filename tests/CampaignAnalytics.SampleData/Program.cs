using System;
using System.Globalization;
using System.IO;
using CampaignAnalytics.SampleData;

// Writes notebooks/data/{name}.json for every sample; an optional argument names another output folder.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var outputDir = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "notebooks", "data");
Directory.CreateDirectory(outputDir);
foreach (var name in SampleCampaigns.Names)
{
    var path = Path.Combine(outputDir, name + ".json");
    var bytes = SampleCampaigns.ToFileBytes(SampleCampaigns.Build(name));
    File.WriteAllBytes(path, bytes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {bytes.Length} bytes"));
}

foreach (var (name, bytes) in new[] { (SampleCanvas.SeriesName, SampleCanvas.ToFileBytes(SampleCanvas.BuildSeries())), (SampleCanvas.DetailsName, SampleCanvas.ToFileBytes(SampleCanvas.BuildDetails())) })
{
    var path = Path.Combine(outputDir, name + ".json");
    File.WriteAllBytes(path, bytes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {bytes.Length} bytes"));
}

return 0;

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CampaignAnalytics.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("CampaignAnalytics.sln not found above the current directory; pass the output folder as an argument.");
}
