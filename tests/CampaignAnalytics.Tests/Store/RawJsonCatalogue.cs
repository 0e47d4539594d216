using System;
using System.Collections.Generic;
using System.Text.Json;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CampaignAnalytics.Tests.Store;

/// <summary>
/// A catalogue with no schema: a day is its JSON object, kept whole, with its date read from
/// <c>time</c>. Lets the store be tested without the generated models (and is linked into the
/// crash-test child process).
/// </summary>
public sealed class RawJsonCatalogue : ChannelCatalogue
{
    public static RawJsonCatalogue Instance { get; } = new();

    public override string SchemaId => "raw-json-test";

    public override IReadOnlyList<ChannelDescriptor> Channels { get; } = Array.Empty<ChannelDescriptor>();

    public override IReadOnlyList<MetricDescriptor<IDailyDataPoint>> DailyMetrics { get; } = Array.Empty<MetricDescriptor<IDailyDataPoint>>();

    public override IReadOnlyList<RateDescriptor<IDailyDataPoint>> DailyRates { get; } = Array.Empty<RateDescriptor<IDailyDataPoint>>();

    public override string? StatusField => "message";

    public override string SuccessStatus => "success";

    public override string ControlGroupName => "Control Group";

    public override string DefaultRate => "ConversionRate";

    public override Type ResponseType => typeof(RawResponse);

    public override Type DayType => typeof(RawDay);

    public static RawDay Day(string json) => (RawDay)Instance.ParseDay(System.Text.Encoding.UTF8.GetBytes(json));

    public override IDataSeriesResponse ParseResponse(ReadOnlySpan<byte> utf8Json)
    {
        using var doc = JsonDocument.Parse(utf8Json.ToArray());
        var days = new List<IDailyDataPoint>();
        foreach (var element in doc.RootElement.GetProperty("data").EnumerateArray())
        {
            days.Add(RawDay.From(element));
        }

        return new RawResponse(doc.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null, days);
    }

    public override IDailyDataPoint ParseDay(ReadOnlySpan<byte> utf8Json)
    {
        using var doc = JsonDocument.Parse(utf8Json.ToArray());
        return RawDay.From(doc.RootElement);
    }

    public override void WriteResponse(Utf8JsonWriter writer, IDataSeriesResponse response)
    {
        writer.WriteStartObject();
        writer.WriteString("message", response.Message);
        writer.WritePropertyName("data");
        writer.WriteStartArray();
        foreach (var day in DaysOf(response))
        {
            WriteDay(writer, day);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public override void WriteDay(Utf8JsonWriter writer, IDailyDataPoint day)
    {
        var raw = (RawDay)day;
        if (raw.InvalidJson is { } invalid)
        {
            writer.WriteRawValue(invalid, skipInputValidation: true);
            return;
        }

        raw.Element.WriteTo(writer);
    }

    public override IDataSeriesResponse CreateMergedResponse(IReadOnlyList<IDailyDataPoint> days) => new RawResponse(SuccessStatus, days);
}

public sealed class RawDay : IDailyDataPoint
{
    private RawDay(LocalDate date, JsonElement element, string? invalidJson)
    {
        Time = date;
        Element = element;
        InvalidJson = invalidJson;
    }

    public LocalDate Time { get; }

    public JsonElement Element { get; }

    /// <summary>When set, the catalogue writes this text unchecked (to make a write fail inside the store).</summary>
    public string? InvalidJson { get; }

    public IChannelMessages? Messages => null;

    public IReadOnlyList<RawJsonProperty> UnknownFields
    {
        get
        {
            var list = new List<RawJsonProperty>();
            foreach (var p in Element.EnumerateObject())
            {
                if (p.Name != "time")
                {
                    list.Add(new RawJsonProperty(p.Name, p.Value.GetRawText()));
                }
            }

            return list;
        }
    }

    public static RawDay From(JsonElement element) =>
        new(LocalDatePattern.Iso.Parse(element.GetProperty("time").GetString()!).GetValueOrThrow(), element.Clone(), null);

    public static RawDay Broken(LocalDate date) => new(date, default, "{\"time\": not json");
}

public sealed record RawResponse(string? Message, IReadOnlyList<IDailyDataPoint>? Data) : IDataSeriesResponse
{
    public IReadOnlyList<RawJsonProperty> UnknownFields => Array.Empty<RawJsonProperty>();
}
