using System;
using System.Text.RegularExpressions;

namespace CampaignAnalytics.Packaging.Tests;

/// <summary>
/// Points a notebook or script at this run's package folder and version. The committed files name
/// <c>../artifacts/packages</c> and <c>0.1.0-local.1</c> so that a person can run them by hand after packing there;
/// the runner rewrites exactly these directives in a temporary copy, and nothing else.
/// </summary>
public static partial class Placeholders
{
    public static string Rewrite(string text, string folder, string version, string what)
    {
        var sources = 0;
        var packages = 0;
        text = NuGetSource().Replace(text, m => { sources++; return $"{m.Groups[1].Value}\"nuget: {folder}\""; });
        text = NuGetReference().Replace(text, m => { packages++; return $"{m.Groups[1].Value}, {version}\""; });
        text = FilePackage().Replace(text, m => { packages++; return $"{m.Groups[1].Value}@{version}"; });
        text = FileSource().Replace(text, m => { sources++; return m.Groups[1].Value + folder; });
        if (sources == 0 || packages == 0)
        {
            throw new InvalidOperationException($"{what} must load CampaignAnalytics from a local folder: expected a '#i \"nuget: FOLDER\"' (or '#:property RestoreAdditionalProjectSources=FOLDER') and a '#r \"nuget: CampaignAnalytics…, VERSION\"' (or '#:package CampaignAnalytics…@VERSION') line; found {sources} and {packages}.");
        }

        return text;
    }

    [GeneratedRegex("^(#i )\"nuget: [^\"]*\"", RegexOptions.Multiline)]
    private static partial Regex NuGetSource();

    [GeneratedRegex("^(#r \"nuget: CampaignAnalytics(?:\\.Charts)?), [^\"]*\"", RegexOptions.Multiline)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^(#:package CampaignAnalytics(?:\.Charts)?)@\S+""", RegexOptions.Multiline)]
    private static partial Regex FilePackage();

    [GeneratedRegex("""^(#:property RestoreAdditionalProjectSources=)\S+""", RegexOptions.Multiline)]
    private static partial Regex FileSource();
}
