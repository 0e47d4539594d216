using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;

namespace CampaignAnalytics.Tests.Schemas;

/// <summary>
/// What two catalogues of the same schema must agree on, as text to compare: every public member of every descriptor
/// (found by reflection, so a member added to the descriptors later is compared too), and the outcome of parsing an
/// input (the JSON written back and every value read through the catalogue, or the reader's error message).
/// Shared by the library's tests and the generator's tests (linked), which hold the run-time catalogue to the
/// generated one.
/// </summary>
internal static class CatalogueParity
{
    /// <summary>The catalogue's declarations: schema id, channels with every descriptor member, daily metrics and rates.</summary>
    public static string Describe(ChannelCatalogue catalogue)
    {
        var text = new StringBuilder();
        text.Append("SchemaId = ").Append(catalogue.SchemaId).Append('\n');
        Walk(text, "Channels", catalogue.Channels, 0);
        Walk(text, "DailyMetrics", catalogue.DailyMetrics, 0);
        Walk(text, "DailyRates", catalogue.DailyRates, 0);
        return text.ToString();
    }

    /// <summary>
    /// What parsing the input gives: "ok", the JSON written back and every value the catalogue reads (per day, channel
    /// and element: id, name, metrics, derived metrics, rates, exposure, pattern groups, unknown fields; daily metrics
    /// and rates; unknown channels), or "error" and the reader's message (path, problem, line, column, byte).
    /// </summary>
    public static string Outcome(ChannelCatalogue catalogue, byte[] input)
    {
        IDataSeriesResponse response;
        try
        {
            response = catalogue.ParseResponse(input);
        }
        catch (CampaignJsonException e)
        {
            return "error " + e.Message;
        }

        var text = new StringBuilder("ok ");
        text.Append(Encoding.UTF8.GetString(catalogue.ToUtf8Json(response))).Append('\n');
        text.Append("message=").Append(response.Message).Append(" hasDays=").Append(response.Data is not null).Append(' ').Append(Raw(response.UnknownFields)).Append('\n');
        foreach (var day in ChannelCatalogue.DaysOf(response))
        {
            text.Append(day.Time.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)).Append(' ').Append(Raw(day.UnknownFields));
            foreach (var metric in catalogue.DailyMetrics)
            {
                text.Append(' ').Append(metric.Name).Append('=').Append(Number(metric.GetValue(day)));
            }

            foreach (var rate in catalogue.DailyRates)
            {
                text.Append(' ').Append(rate.Name).Append('=').Append(Number(rate.Evaluate(day)));
            }

            text.Append(" unknownChannels=").Append(day.Messages is { } messages ? Raw(messages.UnknownChannels) : "-").Append('\n');
            foreach (var channel in catalogue.Channels)
            {
                text.Append("  ").Append(channel.Key).Append(" present=").Append(channel.IsPresent(day)).Append('\n');
                foreach (var element in channel.GetVariations(day))
                {
                    text.Append("    ").Append(element.VariationApiId ?? "-").Append('|').Append(element.VariationName ?? "-")
                        .Append(" exposure=").Append(channel.GetExposure(element)?.ToString(CultureInfo.InvariantCulture) ?? "-");
                    foreach (var metric in channel.Metrics.Concat(channel.DerivedMetrics))
                    {
                        text.Append(' ').Append(metric.Name).Append('=').Append(Number(metric.GetValue(element)));
                        if (metric.Kind == MetricKind.Count)
                        {
                            text.Append('/').Append(metric.GetCount(element)?.ToString(CultureInfo.InvariantCulture) ?? "-");
                        }
                    }

                    foreach (var rate in channel.Rates)
                    {
                        text.Append(' ').Append(rate.Name).Append('=').Append(Number(rate.Evaluate(element)));
                    }

                    foreach (var group in channel.DynamicMetrics)
                    {
                        text.Append(' ').Append(group.PropertyName).Append("={")
                            .Append(string.Join(",", group.Get(element).Select(p => p.Key + ":" + p.Value.ToString(CultureInfo.InvariantCulture)))).Append('}');
                    }

                    text.Append(' ').Append(Raw(element.UnknownFields)).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Raw(System.Collections.Generic.IReadOnlyList<RawJsonProperty> fields) =>
        "[" + string.Join(",", fields.Select(f => f.Name + ":" + f.Json)) + "]";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static void Walk(StringBuilder text, string name, object? value, int depth)
    {
        text.Append(' ', depth * 2).Append(name).Append(" = ");
        switch (value)
        {
            case null:
                text.Append("null\n");
                return;
            case string or bool or Enum or int or long or double:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                return;
            case IEnumerable items:
                text.Append("[\n");
                var i = 0;
                foreach (var item in items)
                {
                    Walk(text, "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]", item, depth + 1);
                }

                text.Append(' ', depth * 2).Append("]\n");
                return;
        }

        text.Append(value.GetType().Name.Split('`')[0]).Append('\n');
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            // The model types differ by design (generated records, general models); everything else must agree.
            if (property.PropertyType == typeof(Type) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            Walk(text, property.Name, property.GetValue(value), depth + 1);
        }
    }
}
