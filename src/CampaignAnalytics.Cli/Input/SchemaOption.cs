using System;
using System.CommandLine;
using System.IO;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Models;
using CampaignAnalytics.Schemas;

namespace CampaignAnalytics.Cli.Input;

/// <summary>
/// The global <c>--schema PATH</c> option: the catalogue every command reads data with. Without it, the catalogue
/// generated from the bundled schema (the fast default); with it, a <see cref="SchemaCatalogue"/> built from the file at
/// run time, so a channel Braze added last week reaches <c>report</c>, <c>compare</c>, <c>export</c>, <c>schema check</c>
/// and <c>fetch</c> without rebuilding the tool. A schema the build would refuse is one user error naming the file, line,
/// column and diagnostic id.
/// </summary>
internal static class SchemaOption
{
    public const string Name = "--schema";

    /// <summary>The option, for the root command (recursive: every command takes it, before or after its name).</summary>
    public static Option<string?> Create() => new(Name)
    {
        Description = "Read data with this schema (JSON Schema with the generator's keywords, e.g. a copy of campaign-data-series.schema.json "
            + "with a new channel) instead of the one the tool was built with; no rebuild needed.",
        Recursive = true,
    };

    /// <summary>The catalogue of this command line: <c>--schema</c>'s, else the built-in one. Call once per command and pass it on.</summary>
    public static ChannelCatalogue Catalogue(ParseResult parse) => Catalogue(parse.GetValue<string?>(Name));

    /// <summary>The catalogue of a schema file, or the built-in one for null.</summary>
    public static ChannelCatalogue Catalogue(string? path)
    {
        if (path is null)
        {
            return CampaignDataSeriesCatalogue.Instance;
        }

        return FromText(ReadText(path), path);
    }

    /// <summary>The catalogue of a schema's text read from <paramref name="path"/>; a user error naming file, line, column and diagnostic id when the build would refuse it.</summary>
    public static ChannelCatalogue FromText(string text, string path)
    {
        try
        {
            return SchemaCatalogue.Parse(text, path);
        }
        catch (CampaignSchemaException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    /// <summary>The schema file's text; user errors for a missing, unreadable or empty path.</summary>
    public static string ReadText(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UserErrorException($"{Name}: the path is empty.");
        }

        if (!File.Exists(path))
        {
            throw new UserErrorException(Directory.Exists(path) ? $"{Name} {path}: is a directory, not a schema file." : $"{Name} {path}: file not found.");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{Name} {path}: cannot be read: {e.Message}", e);
        }
    }
}
