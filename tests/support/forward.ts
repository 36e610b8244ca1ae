/**
 * A request passed on as it came (method, headers, body) to `url`, and its answer back: what
 * the test proxies and TLS fronts in front of the fake AWS do.
 */
export async function forward(req: Request, url: string): Promise<Response> {
  const answer = await fetch(url, {
    method: req.method,
    headers: req.headers,
    body: await req.arrayBuffer(),
  });
  return new Response(await answer.arrayBuffer(), {
    status: answer.status,
    headers: answer.headers,
  });
}
