using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Cli.Commands;
using CampaignAnalytics.Cli.Infrastructure;
using CampaignAnalytics.Cli.Output;

namespace CampaignAnalytics.Cli.Input;

/// <summary>
/// The one-line stderr note of <c>report</c>, <c>compare</c> and <c>export</c> when the input carries channels or
/// fields the schema lacks: they are kept by the parser but cannot be in a typed output, and must never be dropped
/// silently. The exit code does not change.
/// </summary>
internal static class UnknownDataNote
{
    private const int Listed = 5;

    /// <summary>The note for these inputs (without the <c>note: </c> prefix), or null when they hold nothing the schema lacks.</summary>
    public static string? For(IReadOnlyList<CampaignInput> inputs, ChannelCatalogue catalogue)
    {
        var check = new SchemaCheck();
        foreach (var input in inputs)
        {
            Add(check, input, catalogue);
        }

        return For(check);
    }

    /// <summary>Adds one input's unknown channels and fields to <paramref name="check"/> (inputs read one at a time).</summary>
    public static void Add(SchemaCheck check, CampaignInput input, ChannelCatalogue catalogue)
    {
        var source = input.Sources.Count > 0 ? input.Sources[0] : input.CampaignId;
        check.AddResponseFields(source, input.UnknownResponseFields);
        check.AddDays(source, input.Days, catalogue);
    }

    /// <summary>The note for what <paramref name="check"/> gathered, or null when it holds nothing the schema lacks.</summary>
    public static string? For(SchemaCheck check)
    {
        var channels = check.UnknownChannels;
        var fields = check.UnknownFields;
        if (channels.Count == 0 && fields.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (channels.Count > 0)
        {
            parts.Add(Count(channels.Count, "unknown channel", "unknown channels") + " (" + List(channels) + ")");
        }

        if (fields.Count > 0)
        {
            parts.Add(Count(fields.Count, "unknown field", "unknown fields") + " (" + List(fields) + ")");
        }

        var verb = channels.Count + fields.Count == 1 ? "is" : "are";
        return $"{string.Join(" and ", parts)} {verb} not in this output; run `campaign-analytics schema check` on the input to see them.";
    }

    /// <summary>Writes the note to stderr when there is one.</summary>
    public static void Write(IReadOnlyList<CampaignInput> inputs, ChannelCatalogue catalogue)
    {
        if (For(inputs, catalogue) is { } note)
        {
            Note.Write(note);
        }
    }

    private static string Count(int n, string one, string many) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    private static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(Listed).Select(n => Lines.Excerpt(n, 40))) + (names.Count > Listed ? ", …" : string.Empty);
}
