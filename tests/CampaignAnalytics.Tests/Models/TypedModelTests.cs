using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CampaignAnalytics.Catalogue;
using CampaignAnalytics.Frames;
using CampaignAnalytics.Models;
using NodaTime;

namespace CampaignAnalytics.Tests.Models;

/// <summary>Typed end to end: the catalogue, its channels and the models give the generated types, each value under one name.</summary>
public class TypedModelTests
{
    public static TheoryData<Type, Type> InterfacesAndRecords => new()
    {
        { typeof(IDataSeriesResponse), typeof(CampaignDataSeriesResponse) },
        { typeof(IDailyDataPoint), typeof(DailyDataPoint) },
        { typeof(IVariation), typeof(EmailVariation) },
        { typeof(IVariation), typeof(InAppMessageVariation) },
    };

    [Theory]
    [MemberData(nameof(InterfacesAndRecords))]
    public void Every_interface_member_is_a_public_property_of_the_record_under_the_same_name(Type contract, Type record)
    {
        var members = contract.GetProperties().Concat(contract.GetInterfaces().SelectMany(i => i.GetProperties())).Select(p => p.Name).Distinct();
        var missing = members.Where(name => record.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is null).ToList();
        Assert.True(missing.Count == 0, record.Name + " has no public " + string.Join(", ", missing) + " (a second name for a value of " + contract.Name + ")");
    }

    [Fact]
    public void The_catalogue_and_its_channels_give_the_generated_types()
    {
        var catalogue = CampaignDataSeriesCatalogue.Instance;
        CampaignDataSeriesResponse response = catalogue.ParseResponse(TestPaths.PayloadBytes("multichannel-real.json"));
        DailyDataPoint day = response.Data![0];
        IReadOnlyList<EmailVariation> email = CampaignDataSeriesCatalogue.EmailChannel.GetVariations(day);
        Assert.Equal(new long?[] { 760, 740, null }, email.Select(v => v.Sent));
        Assert.Equal(day, catalogue.ParseDay(catalogue.DayToUtf8Json(day)));
        Assert.Equal(response, catalogue.CreateMergedResponse(response.Data));

        // Interface access sees the same values under the same names.
        IDataSeriesResponse untyped = response;
        Assert.Same(response.Data, untyped.Data);
        Assert.Equal(day.Time, ((IDailyDataPoint)day).Time);
        Assert.Same(day.Messages, ((IDailyDataPoint)day).Messages);
    }

    [Fact]
    public void One_campaign_days_record_flows_from_parse_to_the_data_set()
    {
        var days = CampaignDataSeriesResponse.Parse(TestPaths.PayloadBytes("multichannel-real.json")).Data!;
        var data = CampaignDataSet.Create(CampaignDataSeriesCatalogue.Instance, new CampaignDays<DailyDataPoint>("cmp-1", days));
        Assert.Equal("cmp-1", Assert.Single(data.Campaigns).CampaignId);
        Assert.Same(days, data.Campaigns[0].Days);
        Assert.Equal(new[] { new LocalDate(2025, 6, 19), new LocalDate(2025, 6, 20) }, data.Days.Select(d => d.Date));
    }

    [Fact]
    public void A_day_of_another_type_is_refused_by_a_typed_channel_used_untyped()
    {
        ChannelDescriptor email = CampaignDataSeriesCatalogue.EmailChannel;
        var runtimeDay = CampaignAnalytics.Schemas.SchemaCatalogue.Load(System.IO.Path.Combine(TestPaths.RepoRoot, "schema", "campaign-data-series.schema.json"))
            .ParseResponse(TestPaths.PayloadBytes("multichannel-real.json")).Data![0];
        Assert.Throws<ArgumentException>(() => email.GetVariations(runtimeDay));
    }
}
