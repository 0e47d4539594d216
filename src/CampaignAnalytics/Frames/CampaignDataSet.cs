using CampaignAnalytics.Models;
using CampaignAnalytics.Invariant;
using System;
using System.Collections.Generic;
using System.Linq;
using CampaignAnalytics.Catalogue;
using Microsoft.Data.Analysis;

namespace CampaignAnalytics.Frames;

/// <summary>
/// One or more campaigns' daily series, flattened once by walking a <see cref="ChannelCatalogue"/>: typed rows
/// for code and analysis-ready DataFrames for notebooks. No channel or metric is named here, so a channel
/// added to the schema appears in every table with no code change.
/// </summary>
/// <remarks>
/// <para>Tables built:</para>
/// <list type="bullet">
/// <item><b>Long</b> (<see cref="Values"/>, <see cref="ToLongFrame"/>): one row per value actually reported, columns
/// <c>campaign_id, date, channel, variation_api_id, variation_name, metric, value</c>. An absent field
/// is no row (never an invented zero). Field metrics, then (only in <see cref="Values"/>, or with
/// <c>ToLongFrame(includeDerived: true)</c>) derived metrics (e.g. push <c>deliveries</c>, flagged
/// <see cref="MetricValue.IsDerived"/>), then dynamic pattern fields (e.g.
/// <c>notif_button_1_Buy_click</c>, metric = the field name) are included. <c>value</c> is a double for every
/// metric (counts are exact up to 2^53).</item>
/// <item><b>Wide</b> per channel (<see cref="ToWideFrame(ChannelDescriptor, bool)"/>): one row per element,
/// columns <c>campaign_id, date, variation_api_id, variation_name</c>, then one column per field metric and per
/// derived metric in schema order; counts are <see cref="Int64DataFrameColumn"/>, amounts
/// <see cref="DoubleDataFrameColumn"/>; null where the element lacks the metric.</item>
/// <item><b>Daily totals</b> (<see cref="ToDailyTotalsFrame"/>): one row per campaign and day from the day's own
/// fields (<see cref="ChannelCatalogue.DailyMetrics"/>).</item>
/// </list>
/// <para>Dates: the <c>date</c> column is a <see cref="StringDataFrameColumn"/> holding <c>yyyy-MM-dd</c>. A
/// DataFrame's DateTime column renders with a time of day and a culture-dependent layout in notebooks, and the
/// days are calendar dates (no time, no zone), so text is the faithful rendering; it also sorts
/// chronologically. The typed rows carry NodaTime <see cref="NodaTime.LocalDate"/>.</para>
/// <para>Order: campaigns in the order given, days in the order received, channels in catalogue order,
/// elements in the order received.</para>
/// <para>Unknown channel keys are listed in <see cref="UnknownChannels"/> and unknown fields in
/// <see cref="UnknownFields"/>: never dropped silently, never fatal.</para>
/// </remarks>
public sealed class CampaignDataSet
{
    private readonly List<VariationDay>[] _byChannel;
    private IReadOnlyList<MetricValue>? _values;
    private IReadOnlyList<DailyMetricValue>? _dailyValues;

    /// <summary>Flattens the campaigns' days by walking the catalogue.</summary>
    /// <param name="catalogue">The catalogue the days were parsed with. Invalid: null.</param>
    /// <param name="campaigns">The campaigns. Invalid: null, a null element, a null campaign id or list of days, or a
    /// day that is not of the catalogue's <see cref="ChannelCatalogue.DayType"/>.</param>
    /// <exception cref="ArgumentException">A day of another catalogue's type.</exception>
    /// <exception cref="CampaignDataException">A variation appears twice in one channel on one day.</exception>
    public CampaignDataSet(ChannelCatalogue catalogue, IReadOnlyList<CampaignDays<IDailyDataPoint>> campaigns)
        : this(catalogue, campaigns, checkRepeats: true)
    {
    }

    /// <summary>The constructor's work; <paramref name="checkRepeats"/> false only for days whose caller already refused a repeated variation.</summary>
    private CampaignDataSet(ChannelCatalogue catalogue, IReadOnlyList<CampaignDays<IDailyDataPoint>> campaigns, bool checkRepeats)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(campaigns);
        Catalogue = catalogue;
        Campaigns = campaigns;

        var channels = catalogue.Channels;
        _byChannel = new List<VariationDay>[channels.Count];
        for (var c = 0; c < channels.Count; c++)
        {
            _byChannel[c] = new List<VariationDay>();
        }

        var days = new List<CampaignDay>();
        var elements = new List<VariationDay>();
        var unknownChannels = new List<UnknownChannel>();
        var unknownFields = new List<UnknownField>();
        foreach (var campaign in campaigns)
        {
            if (campaign is null)
            {
                throw new ArgumentException("The campaign list contains a null element.", nameof(campaigns));
            }

            if (campaign.CampaignId is null || campaign.Days is null)
            {
                throw new ArgumentException("A campaign has a null id or list of days.", nameof(campaigns));
            }

            var id = campaign.CampaignId;
            foreach (var day in campaign.Days)
            {
                if (!catalogue.DayType.IsInstanceOfType(day))
                {
                    throw new ArgumentException(
                        "Campaign '" + id + "': a day is a " + day?.GetType().FullName + ", not this catalogue's " + catalogue.DayType.FullName + ".",
                        nameof(campaigns));
                }

                var date = day.Time;
                days.Add(new CampaignDay(id, day));
                foreach (var field in day.UnknownFields)
                {
                    unknownFields.Add(new UnknownField(id, date, null, null, null, field.Name, field.Json));
                }

                if (day.Messages is { } messages)
                {
                    foreach (var unknown in messages.UnknownChannels)
                    {
                        unknownChannels.Add(new UnknownChannel(id, date, unknown.Name, unknown.Json));
                    }
                }

                for (var c = 0; c < channels.Count; c++)
                {
                    var channel = channels[c];
                    var variations = channel.GetVariations(day);
                    if (checkRepeats)
                    {
                        CampaignDataException.ThrowIfVariationRepeats(id, date, channel.Key, variations);
                    }

                    foreach (var element in variations)
                    {
                        var row = new VariationDay(id, date, channel, element) { IsControl = catalogue.IsControlGroup(element) };
                        elements.Add(row);
                        _byChannel[c].Add(row);
                        foreach (var field in element.UnknownFields)
                        {
                            unknownFields.Add(new UnknownField(id, date, channel.Key, element.VariationApiId, element.VariationName, field.Name, field.Json));
                        }
                    }
                }
            }
        }

        Days = days;
        Elements = elements;
        UnknownChannels = unknownChannels;
        UnknownFields = unknownFields;
    }

    /// <summary>Flattens the campaigns' days by walking the catalogue (as the constructor does).</summary>
    /// <typeparam name="TDay">The day type: the generated day record, or <see cref="IDailyDataPoint"/>.</typeparam>
    /// <param name="catalogue">The catalogue the days were parsed with.</param>
    /// <param name="campaigns">The campaigns. Invalid: null or a null element.</param>
    /// <exception cref="CampaignDataException">A variation appears twice in one channel on one day.</exception>
    public static CampaignDataSet Create<TDay>(ChannelCatalogue catalogue, IEnumerable<CampaignDays<TDay>> campaigns)
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        return new(catalogue, campaigns.Select(c => c is null ? null! : new CampaignDays<IDailyDataPoint>(c.CampaignId, c.Days)).ToArray());
    }

    /// <summary>Flattens one campaign's days.</summary>
    /// <typeparam name="TDay">The day type: the generated day record, or <see cref="IDailyDataPoint"/>.</typeparam>
    /// <param name="catalogue">The catalogue the days were parsed with.</param>
    /// <param name="campaign">The campaign's days. Invalid: null.</param>
    /// <exception cref="CampaignDataException">A variation appears twice in one channel on one day.</exception>
    public static CampaignDataSet Create<TDay>(ChannelCatalogue catalogue, CampaignDays<TDay> campaign)
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return Create(catalogue, new[] { campaign });
    }

    /// <summary>
    /// Flattens one campaign's days that were already checked with <see cref="CampaignDataException.ThrowIfVariationRepeats"/>
    /// for every channel of <paramref name="catalogue"/> (the CLI's input loader checks every day it reads, in the window or
    /// not): the same data set as <see cref="Create{TDay}(ChannelCatalogue, CampaignDays{TDay})"/> without checking them twice.
    /// </summary>
    /// <param name="catalogue">The catalogue the days were parsed and checked with.</param>
    /// <param name="campaign">The campaign's days. Invalid: null.</param>
    internal static CampaignDataSet CreateChecked(ChannelCatalogue catalogue, CampaignDays<IDailyDataPoint> campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new(catalogue, new[] { campaign }, checkRepeats: false);
    }

    /// <summary>Flattens one campaign's response, as parsed: it must be a completed export.</summary>
    /// <param name="catalogue">The catalogue the response was parsed with.</param>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="response">The response. Invalid: null, or not of the catalogue's <see cref="ChannelCatalogue.ResponseType"/>.</param>
    /// <exception cref="ArgumentException">A response of another catalogue's type.</exception>
    /// <exception cref="CampaignDataException">The response is an error envelope (<see cref="ResponseStatus"/>), or a variation appears twice in one channel on one day.</exception>
    public static CampaignDataSet Create(ChannelCatalogue catalogue, string campaignId, IDataSeriesResponse response)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(response);
        if (!catalogue.ResponseType.IsInstanceOfType(response))
        {
            throw new ArgumentException(
                "Campaign '" + campaignId + "': the response is a " + response.GetType().FullName +
                ", not this catalogue's " + catalogue.ResponseType.FullName + ".",
                nameof(response));
        }

        if (ResponseStatus.Problem(catalogue, response) is { } problem)
        {
            throw new CampaignDataException("Campaign '" + campaignId + "': " + problem + ".");
        }

        return new(catalogue, new[] { new CampaignDays<IDailyDataPoint>(campaignId, ChannelCatalogue.DaysOf(response)) });
    }

    /// <summary>The catalogue walked.</summary>
    public ChannelCatalogue Catalogue { get; }

    /// <summary>The campaigns, as given.</summary>
    public IReadOnlyList<CampaignDays<IDailyDataPoint>> Campaigns { get; }

    /// <summary>Every day of every campaign, tagged with its campaign id.</summary>
    public IReadOnlyList<CampaignDay> Days { get; }

    /// <summary>Every element of every known channel on every day (variations and control elements).</summary>
    public IReadOnlyList<VariationDay> Elements { get; }

    /// <summary>Channel keys the catalogue does not know, one entry per campaign, day and key.</summary>
    public IReadOnlyList<UnknownChannel> UnknownChannels { get; }

    /// <summary>Fields the schema does not declare, on days and on known channels' elements.</summary>
    public IReadOnlyList<UnknownField> UnknownFields { get; }

    /// <summary>The long (tidy) rows: one per value actually reported (see the class remarks). Built on first use.</summary>
    public IReadOnlyList<MetricValue> Values => _values ??= BuildValues();

    /// <summary>The top-level day values actually reported, one per campaign, day and metric. Built on first use.</summary>
    public IReadOnlyList<DailyMetricValue> DailyValues => _dailyValues ??= BuildDailyValues();

    /// <summary>The elements of one channel, in order.</summary>
    /// <param name="channel">A channel of this data set's catalogue. Invalid: null or another catalogue's channel.</param>
    public IReadOnlyList<VariationDay> ElementsOf(ChannelDescriptor channel) => _byChannel[IndexOf(channel)];

    /// <summary>The channels that have at least one element, in catalogue order.</summary>
    public IReadOnlyList<ChannelDescriptor> ChannelsPresent
    {
        get
        {
            var list = new List<ChannelDescriptor>();
            for (var c = 0; c < _byChannel.Length; c++)
            {
                if (_byChannel[c].Count > 0)
                {
                    list.Add(Catalogue.Channels[c]);
                }
            }

            return list;
        }
    }

    /// <summary>The campaigns' names and conversion events, when known (<see cref="WithLabels"/>); empty otherwise.</summary>
    public IReadOnlyList<CampaignLabels> Labels { get; private init; } = Array.Empty<CampaignLabels>();

    /// <summary>
    /// The same data set with campaigns' names and conversion events: the long frame then gains <c>campaign_name</c> and
    /// <c>conversion_event</c> columns after its others, and <see cref="Rates.CampaignRates"/>' rows name the conversion
    /// event their rate counts (<see cref="Rates.RateRow.ConversionEvent"/>).
    /// </summary>
    /// <param name="labels">The labels, one per campaign (others are ignored; a campaign without labels has none).</param>
    public CampaignDataSet WithLabels(IEnumerable<CampaignLabels> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return new CampaignDataSet(Catalogue, Campaigns) { Labels = labels.ToArray() };
    }

    /// <summary>The campaign's name, when <see cref="Labels"/> know it; null otherwise.</summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    public string? CampaignName(string? campaignId) => LabelsOf(campaignId)?.Name;

    /// <summary>
    /// The conversion event a field counts for a campaign (<c>conversions</c> and <c>conversions_by_send_time</c>: event A,
    /// <c>conversions1…</c>: B, …), when <see cref="Labels"/> know the campaign's events; null otherwise.
    /// </summary>
    /// <param name="campaignId">The campaign API identifier.</param>
    /// <param name="field">A metric of the data series, e.g. a rate's numerator.</param>
    public ConversionEvent? ConversionEventOf(string? campaignId, string? field) =>
        LabelsOf(campaignId) is { } labels ? CampaignDetails.EventOf(labels.ConversionEvents, field) : null;

    private CampaignLabels? LabelsOf(string? campaignId)
    {
        foreach (var labels in Labels)
        {
            if (string.Equals(labels.CampaignId, campaignId, StringComparison.Ordinal))
            {
                return labels;
            }
        }

        return null;
    }

    /// <summary>
    /// The long (tidy) frame: <c>campaign_id, date, channel, variation_api_id, variation_name, metric</c> (strings)
    /// and <c>value</c> (double): one row per value actually reported (declared and dynamic fields).
    /// </summary>
    /// <param name="includeDerived">
    /// False (the default): exactly the values the payload reported, in the seven columns of the tidy contract.
    /// True: derived metrics (e.g. push <c>deliveries</c>) too, and an eighth column <c>derived</c> (bool) flagging them.
    /// </param>
    public DataFrame ToLongFrame(bool includeDerived = false)
    {
        var all = Values;
        IReadOnlyList<MetricValue> values = includeDerived ? all : all.Where(v => !v.IsDerived).ToArray();
        var n = values.Count;
        var campaign = new string?[n];
        var date = new string?[n];
        var channel = new string?[n];
        var apiId = new string?[n];
        var name = new string?[n];
        var metric = new string?[n];
        var value = new PrimitiveColumnBuilder<double>(n);
        var derived = new PrimitiveColumnBuilder<bool>(includeDerived ? n : 0);
        var dates = new ColumnFactory.DateTexts();
        for (var i = 0; i < n; i++)
        {
            var v = values[i];
            campaign[i] = v.CampaignId;
            date[i] = dates.Of(v.Date);
            channel[i] = v.Channel;
            apiId[i] = v.VariationApiId;
            name[i] = v.VariationName;
            metric[i] = v.Metric;
            value.Set(i, v.Value);
            if (includeDerived)
            {
                derived.Set(i, v.IsDerived);
            }
        }

        var frame = new DataFrame(
            ColumnFactory.String(ColumnNames.CampaignId, campaign),
            ColumnFactory.String(ColumnNames.Date, date),
            ColumnFactory.String(ColumnNames.Channel, channel),
            ColumnFactory.String(ColumnNames.VariationApiId, apiId),
            ColumnFactory.String(ColumnNames.VariationName, name),
            ColumnFactory.String(ColumnNames.Metric, metric),
            ColumnFactory.Double(ColumnNames.Value, value));
        if (includeDerived)
        {
            frame.Columns.Add(ColumnFactory.Boolean(ColumnNames.Derived, derived));
        }

        if (Labels.Count > 0)
        {
            var names = new string?[n];
            var events = new string?[n];
            for (var i = 0; i < n; i++)
            {
                names[i] = CampaignName(values[i].CampaignId);
                events[i] = ConversionEventOf(values[i].CampaignId, values[i].Metric)?.Label;
            }

            frame.Columns.Add(ColumnFactory.String(ColumnNames.CampaignName, names));
            frame.Columns.Add(ColumnFactory.String(ColumnNames.ConversionEvent, events));
        }

        return frame;
    }

    /// <summary>
    /// The wide frame of one channel: <c>campaign_id, date, variation_api_id, variation_name</c>, then one column per
    /// field metric and per derived metric in schema order (counts Int64, amounts Double, null where absent).
    /// </summary>
    /// <param name="channel">A channel of this data set's catalogue. Invalid: null or another catalogue's channel.</param>
    /// <param name="includeDynamic">Also append one Int64 column per dynamic field name seen on the channel (first-seen
    /// order), null where an element lacks it. Off by default: the set of such columns depends on the data.</param>
    public DataFrame ToWideFrame(ChannelDescriptor channel, bool includeDynamic = false) =>
        ToWideFrame(channel, includeDynamic, new ColumnFactory.DateTexts());

    private DataFrame ToWideFrame(ChannelDescriptor channel, bool includeDynamic, ColumnFactory.DateTexts dates)
    {
        var rows = ElementsOf(channel);
        var n = rows.Count;
        var campaign = new string?[n];
        var date = new string?[n];
        var apiId = new string?[n];
        var name = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            campaign[i] = r.CampaignId;
            date[i] = dates.Of(r.Date);
            apiId[i] = r.VariationApiId;
            name[i] = r.VariationName;
        }

        var columns = new List<DataFrameColumn>(4 + channel.Metrics.Count + channel.DerivedMetrics.Count)
        {
            ColumnFactory.String(ColumnNames.CampaignId, campaign),
            ColumnFactory.String(ColumnNames.Date, date),
            ColumnFactory.String(ColumnNames.VariationApiId, apiId),
            ColumnFactory.String(ColumnNames.VariationName, name),
        };
        AddMetricColumns(columns, channel.Metrics, rows, static r => r.Element);
        AddMetricColumns(columns, channel.DerivedMetrics, rows, static r => r.Element);
        if (includeDynamic)
        {
            AddDynamicColumns(columns, channel, rows);
        }

        return new DataFrame(columns);
    }

    /// <summary>The wide frame of a channel given by key (see <see cref="ToWideFrame(ChannelDescriptor, bool)"/>).</summary>
    /// <param name="channelKey">A channel key of the catalogue, e.g. <c>email</c>. Invalid: a key the catalogue lacks (<see cref="ArgumentException"/>).</param>
    /// <param name="includeDynamic">Also append the dynamic field columns.</param>
    public DataFrame ToWideFrame(string channelKey, bool includeDynamic = false) =>
        ToWideFrame(
            Catalogue.FindChannel(channelKey) ?? throw new ArgumentException("The catalogue has no channel '" + channelKey + "'.", nameof(channelKey)),
            includeDynamic);

    /// <summary>The wide frames of the channels that have at least one element, by channel key, in catalogue order.</summary>
    /// <param name="includeDynamic">Also append the dynamic field columns.</param>
    public IReadOnlyDictionary<string, DataFrame> ToWideFrames(bool includeDynamic = false)
    {
        var frames = new Dictionary<string, DataFrame>(StringComparer.Ordinal);
        var dates = new ColumnFactory.DateTexts();
        foreach (var channel in ChannelsPresent)
        {
            frames.Add(channel.Key, ToWideFrame(channel, includeDynamic, dates));
        }

        return frames;
    }

    /// <summary>
    /// The daily totals frame: <c>campaign_id, date</c>, then one column per top-level day metric
    /// (<see cref="ChannelCatalogue.DailyMetrics"/>, counts Int64, amounts Double, null where absent); one row per campaign and day.
    /// </summary>
    public DataFrame ToDailyTotalsFrame()
    {
        var rows = Days;
        var n = rows.Count;
        var campaign = new string?[n];
        var date = new string?[n];
        var dates = new ColumnFactory.DateTexts();
        for (var i = 0; i < n; i++)
        {
            campaign[i] = rows[i].CampaignId;
            date[i] = dates.Of(rows[i].Date);
        }

        var columns = new List<DataFrameColumn>
        {
            ColumnFactory.String(ColumnNames.CampaignId, campaign),
            ColumnFactory.String(ColumnNames.Date, date),
        };
        AddMetricColumns(columns, Catalogue.DailyMetrics, rows, static r => r.Day);
        return new DataFrame(columns);
    }

    /// <summary>The unknown channels as a frame: <c>campaign_id, date, channel, json</c> (strings).</summary>
    public DataFrame ToUnknownChannelsFrame()
    {
        var n = UnknownChannels.Count;
        var campaign = new string?[n];
        var date = new string?[n];
        var key = new string?[n];
        var json = new string?[n];
        var dates = new ColumnFactory.DateTexts();
        for (var i = 0; i < n; i++)
        {
            var u = UnknownChannels[i];
            campaign[i] = u.CampaignId;
            date[i] = dates.Of(u.Date);
            key[i] = u.ChannelKey;
            json[i] = u.Json;
        }

        return new DataFrame(
            ColumnFactory.String(ColumnNames.CampaignId, campaign),
            ColumnFactory.String(ColumnNames.Date, date),
            ColumnFactory.String(ColumnNames.Channel, key),
            ColumnFactory.String(ColumnNames.Json, json));
    }

    private int IndexOf(ChannelDescriptor channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var channels = Catalogue.Channels;
        for (var c = 0; c < channels.Count; c++)
        {
            if (ReferenceEquals(channels[c], channel))
            {
                return c;
            }
        }

        throw new ArgumentException("Channel '" + channel.Key + "' is not one of this data set's catalogue.", nameof(channel));
    }

    internal static void AddMetricColumns<TRow, TModel>(
        List<DataFrameColumn> columns,
        IReadOnlyList<MetricDescriptor<TModel>> metrics,
        IReadOnlyList<TRow> rows,
        Func<TRow, TModel> model)
        where TModel : class
    {
        var n = rows.Count;
        foreach (var metric in metrics)
        {
            if (metric.Kind == MetricKind.Count)
            {
                var builder = new PrimitiveColumnBuilder<long>(n);
                for (var i = 0; i < n; i++)
                {
                    builder.Set(i, metric.GetCount(model(rows[i])));
                }

                columns.Add(ColumnFactory.Int64(metric.Name, builder));
            }
            else
            {
                var builder = new PrimitiveColumnBuilder<double>(n);
                for (var i = 0; i < n; i++)
                {
                    builder.Set(i, metric.GetValue(model(rows[i])));
                }

                columns.Add(ColumnFactory.Double(metric.Name, builder));
            }
        }
    }

    private static void AddDynamicColumns(List<DataFrameColumn> columns, ChannelDescriptor channel, IReadOnlyList<VariationDay> rows)
    {
        if (channel.DynamicMetrics.Count == 0)
        {
            return;
        }

        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in channel.DynamicMetrics)
        {
            foreach (var row in rows)
            {
                foreach (var key in group.Get(row.Element).Keys)
                {
                    if (!index.ContainsKey(key))
                    {
                        index.Add(key, names.Count);
                        names.Add(key);
                    }
                }
            }
        }

        var builders = new PrimitiveColumnBuilder<long>[names.Count];
        for (var k = 0; k < builders.Length; k++)
        {
            builders[k] = new PrimitiveColumnBuilder<long>(rows.Count);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var group in channel.DynamicMetrics)
            {
                foreach (var pair in group.Get(rows[i].Element))
                {
                    builders[index[pair.Key]].Set(i, pair.Value);
                }
            }
        }

        for (var k = 0; k < builders.Length; k++)
        {
            columns.Add(ColumnFactory.Int64(names[k], builders[k]));
        }
    }

    private List<MetricValue> BuildValues()
    {
        // Count first so the list is allocated once.
        var count = 0;
        foreach (var row in Elements)
        {
            var channel = row.Channel;
            count += CountPresent(channel.Metrics, row.Element) + CountPresent(channel.DerivedMetrics, row.Element);
            foreach (var group in channel.DynamicMetrics)
            {
                count += group.Get(row.Element).Count;
            }
        }

        var values = new List<MetricValue>(count);
        foreach (var row in Elements)
        {
            var channel = row.Channel;
            var element = row.Element;
            AddValues(values, row, channel.Metrics, MetricSource.Field);
            AddValues(values, row, channel.DerivedMetrics, MetricSource.Derived);
            foreach (var group in channel.DynamicMetrics)
            {
                foreach (var pair in group.Get(element))
                {
                    values.Add(new MetricValue(row.CampaignId, row.Date, channel.Key, element.VariationApiId, element.VariationName, pair.Key, pair.Value, MetricKind.Count, MetricSource.Dynamic));
                }
            }
        }

        return values;
    }

    private static int CountPresent(IReadOnlyList<MetricDescriptor<IVariation>> metrics, IVariation element)
    {
        var count = 0;
        foreach (var metric in metrics)
        {
            if (metric.GetValue(element).HasValue)
            {
                count++;
            }
        }

        return count;
    }

    private static void AddValues(List<MetricValue> values, VariationDay row, IReadOnlyList<MetricDescriptor<IVariation>> metrics, MetricSource source)
    {
        var element = row.Element;
        foreach (var metric in metrics)
        {
            if (metric.GetValue(element) is { } v)
            {
                values.Add(new MetricValue(row.CampaignId, row.Date, row.Channel.Key, element.VariationApiId, element.VariationName, metric.Name, v, metric.Kind, source));
            }
        }
    }

    private List<DailyMetricValue> BuildDailyValues()
    {
        var metrics = Catalogue.DailyMetrics;
        var values = new List<DailyMetricValue>(Days.Count * metrics.Count);
        foreach (var day in Days)
        {
            foreach (var metric in metrics)
            {
                if (metric.GetValue(day.Day) is { } v)
                {
                    values.Add(new DailyMetricValue(day.CampaignId, day.Date, metric.Name, v, metric.Kind));
                }
            }
        }

        return values;
    }
}
