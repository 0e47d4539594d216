/// The API client without a network: instances, options, request planning, a fake handler.
module CampaignAnalytics.FSharp.Tests.ApiTests

open System
open System.Net
open System.Net.Http
open System.Threading.Tasks
open CampaignAnalytics.Api
open CampaignAnalytics.Models
open CampaignAnalytics.Windows
open CampaignAnalytics.FSharp.Tests.Support
open Microsoft.Extensions.DependencyInjection
open NodaTime
open Xunit

[<Fact>]
let ``Braze instances parse from names and URLs`` () =
    equal BrazeInstance.US01 (BrazeInstance.Parse "US-01")
    equal (Uri "https://rest.fra-01.braze.eu/") (BrazeInstance.Parse "eu_01").RestEndpoint
    equal (Some "KR-01") (Option.ofObj (BrazeInstance.Parse " kr01 ").Name)
    equal 15 BrazeInstance.All.Count
    equal None (BrazeInstance.TryFromName "US-09" |> Option.ofObj)
    equal (Some BrazeInstance.JP01) (BrazeInstance.TryFromName "jp-01" |> Option.ofObj)
    let custom = BrazeInstance.FromUrl(Uri "http://127.0.0.1:5000")
    equal (None, "http://127.0.0.1:5000/") (Option.ofObj custom.Name, custom.RestEndpoint.AbsoluteUri)
    [ "http://rest.iad-01.braze.com"; "https://user:pass@rest.iad-01.braze.com"; "US-09" ]
    |> List.iter (fun bad -> Assert.Throws<ArgumentException>(fun () -> BrazeInstance.Parse bad |> ignore) |> ignore)

[<Fact>]
let ``Client options validate and never show the key`` () =
    let key = "secret-key-123"
    let ok = DataSeriesClientOptions(BrazeInstance.EU01, key, MaxConcurrency = 2, AttemptTimeout = TimeSpan.FromSeconds 10.0)
    ok.Validate()
    Assert.DoesNotContain(key, string ok)
    let invalid =
        [ DataSeriesClientOptions(BrazeInstance.EU01, key, MaxConcurrency = 0), "MaxConcurrency"
          DataSeriesClientOptions(BrazeInstance.EU01, "bad key"), "ApiKey"
          DataSeriesClientOptions(BrazeInstance.EU01, key, RetryBaseDelay = TimeSpan.FromSeconds 5.0, MaxRetryDelay = TimeSpan.FromSeconds 1.0), "MaxRetryDelay" ]
    invalid
    |> List.iter (fun (options, name) ->
        let e = Assert.Throws<ArgumentException>(fun () -> options.Validate())
        equal (Some name) (Option.ofObj e.ParamName)
        Assert.DoesNotContain(key, e.Message))

[<Fact>]
let ``Long ranges are planned as chunks of at most 100 days`` () =
    let chunks = DataSeriesClient.PlanChunks(DateInterval(LocalDate(2025, 1, 1), LocalDate(2025, 12, 31))) |> List.ofSeq
    equal [ 100; 100; 100; 65 ] (chunks |> List.map (fun c -> c.Length))
    Assert.All(chunks, fun c -> equal (c.Days.End.PlusDays 1) c.EndingAt.Date)
    equal "2025-06-22T00:00:00Z" (DataSeriesClient.FormatEndingAt(OffsetDateTime(LocalDateTime(2025, 6, 22, 0, 0), Offset.Zero)))

/// A message handler that answers every request with a payload, recording the requests (no network).
let private answering (body: byte[]) (requests: Collections.Concurrent.ConcurrentQueue<HttpRequestMessage>) =
    { new HttpMessageHandler() with
        member _.SendAsync(request, _cancellationToken) =
            requests.Enqueue request
            let response = new HttpResponseMessage(HttpStatusCode.OK, Content = new ByteArrayContent(body))
            Task.FromResult response }

[<Fact>]
let ``The client reads a response through any HttpClient`` () : Task =
    task {
        let requests = Collections.Concurrent.ConcurrentQueue<HttpRequestMessage>()
        use http = new HttpClient(answering (payloadBytes "multichannel-real.json") requests)
        let options = DataSeriesClientOptions(BrazeInstance.FromUrl(Uri "http://127.0.0.1:9"), "test-key")
        use client = new DataSeriesClient(http, options)
        let endingAt = ReportZone.Utc.EndingAtFor(LocalDate(2025, 6, 20))
        let! response = client.GetDataSeriesAsync("cmp-1", 2, endingAt)
        equal [ LocalDate(2025, 6, 19); LocalDate(2025, 6, 20) ] (daysOf response |> List.map (fun d -> d.Time))
        let request = requests |> Seq.exactlyOne
        let query = request.RequestUri |> Option.ofObj |> Option.map (fun u -> u.Query) |> Option.defaultValue ""
        Assert.Contains("campaign_id=cmp-1", query)
        Assert.Contains("length=2", query)
        equal (Some "Bearer test-key") (request.Headers.Authorization |> Option.ofObj |> Option.map string)
    }

[<Fact>]
let ``The client registers with dependency injection`` () =
    let services = ServiceCollection()
    services.AddCampaignAnalyticsClient(DataSeriesClientOptions(BrazeInstance.US03, "test-key")) |> ignore
    use provider = services.BuildServiceProvider()
    let source = provider.GetRequiredService<IDataSeriesSource<DailyDataPoint>>()
    Assert.NotNull source
    // The factory overload takes an F# lambda as Func<IServiceProvider, _>.
    let viaFactory = ServiceCollection()
    viaFactory.AddCampaignAnalyticsClient(fun _ -> DataSeriesClientOptions(BrazeInstance.US03, "test-key")) |> ignore
    use provider2 = viaFactory.BuildServiceProvider()
    Assert.NotNull(provider2.GetRequiredService<DataSeriesClient>())
